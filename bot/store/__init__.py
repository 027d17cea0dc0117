"""store: the only package that speaks SQL (SQLAlchemy 2; SQLite WAL by default, PostgreSQL by URL).

Takes model dataclasses; returns model dataclasses. Every write is idempotent.
Must never leak SQLAlchemy objects or exceptions to callers (they get StoreError).
"""
