# Peninsula: Korea news briefing bot. Build: docker build -t peninsula .  Run: docker run --env-file .env peninsula
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PENINSULA_CONFIG_DIR=/app/config

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p bot && touch bot/__init__.py \
    && pip install . \
    && pip uninstall -y peninsula

COPY bot/ bot/
COPY config/ config/
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 peninsula \
    && mkdir -p /app/data && chown peninsula /app/data

USER peninsula
VOLUME ["/app/data"]
CMD ["peninsula", "run"]
