"""The optional LLM path: the only module that imports `openai`.

It makes a digest better without ever making it less true: one structured request per story
(headline, summary, key quotes chosen by id), a grounding check on names and numbers, a
content-hash cache so no article is summarized twice, and a per-digest token budget. Any
failure (timeout, HTTP error, malformed or ungrounded answer, budget spent) returns the
offline story unchanged, so the digest always goes out. Retries with backoff on 429/5xx,
honouring Retry-After, are the openai client's own (`max_retries`); we add no sleeps.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from bot.analyze.grounding import find_ungrounded
from bot.analyze.llm_prompt import (
    PROMPT_VERSION,
    STORY_FORMAT,
    TOP_LINE_FORMAT,
    Prompt,
    apply_answer,
    quote_choices,
    read_story_answer,
    read_top_line,
    source_texts,
    split_sentences,
    story_prompt,
    top_line_prompt,
)
from bot.errors import LLMError
from bot.model import Story

if TYPE_CHECKING:
    import openai
    from openai.types.chat.completion_create_params import ResponseFormat

log = logging.getLogger(__name__)

T = TypeVar("T")
CHARS_PER_TOKEN = 4
ANSWER_TOKENS = 400  # cap on each answer; what the budget reserves for it
LOCAL_API_KEY = "local"  # local OpenAI-compatible servers ignore the key but the client wants one


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """Where the model lives and what one digest may spend on it."""

    api_key: str
    base_url: str | None
    model: str
    timeout_s: float = 20
    max_retries: int = 2
    token_budget_per_digest: int = 20_000


class StoryWriter(Protocol):
    """Rewrites stories for readers; never fails, at worst returns its input."""

    def brief(self, story: Story) -> Story:
        """Story -> the same story with a better headline, summary and key quotes, or itself."""
        ...

    def top_line(self, stories: Sequence[Story]) -> str:
        """Stories, lead first -> one or two sentences over them all."""
        ...

    def for_digest(self) -> StoryWriter:
        """A writer for the next digest: fresh token budget, same client and cache."""
        ...


class EndpointDown(LLMError):
    """The endpoint itself failed (after the client's retries): skip it for this digest."""


class TokenBudget:
    """Tokens one digest may still spend (estimated at ~4 characters a token)."""

    __slots__ = ("limit", "spent")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.spent = 0

    def allows(self, tokens: int) -> bool:
        return self.spent + tokens <= self.limit

    def spend(self, tokens: int) -> None:
        self.spent += tokens


def make_llm(
    config: LLMConfig | None, *, cache: MutableMapping[str, str] | None = None
) -> StoryWriter | None:
    """Config -> a writer backed by the openai client, or None when no model is configured."""
    if config is None or not config.model or not (config.api_key or config.base_url):
        log.info("llm.offline reason=not configured")
        return None
    import openai  # here, not at the top: importing the SDK costs a second offline runs never need

    client = openai.OpenAI(
        api_key=config.api_key or LOCAL_API_KEY,
        base_url=config.base_url,
        timeout=config.timeout_s,
        max_retries=config.max_retries,
    )
    budget = TokenBudget(config.token_budget_per_digest)
    return OpenAIStoryWriter(
        client, model=config.model, cache=cache if cache is not None else {}, budget=budget
    )


class OpenAIStoryWriter:
    """StoryWriter over an OpenAI-compatible chat completions endpoint."""

    def __init__(
        self,
        client: openai.OpenAI,
        *,
        model: str,
        cache: MutableMapping[str, str],
        budget: TokenBudget,
    ) -> None:
        self._client = client
        self._model = model
        self._cache = cache
        self._budget = budget
        self._logged: set[str] = set()
        self._down: str | None = None

    def for_digest(self) -> OpenAIStoryWriter:
        """A writer with a fresh token budget, sharing this one's client and cache."""
        budget = TokenBudget(self._budget.limit)
        return OpenAIStoryWriter(self._client, model=self._model, cache=self._cache, budget=budget)

    def brief(self, story: Story) -> Story:
        """Story -> the story with the model's headline, summary and quotes, or itself."""
        choices = quote_choices(story)
        answer = self._answer(story_prompt(story, choices=choices), STORY_FORMAT, read_story_answer)
        if answer is None:
            return story
        claims = f"{answer.headline}\n{answer.summary}"
        if not self._is_grounded(claims, sources=source_texts(story), subject=story.id):
            return story
        return apply_answer(story, answer, choices=choices)

    def top_line(self, stories: Sequence[Story]) -> str:
        """Stories, lead first -> one or two sentences over them all, or the lead's first."""
        fallback = _first_sentence(stories)
        if not stories:
            return fallback
        line = self._answer(top_line_prompt(stories), TOP_LINE_FORMAT, read_top_line)
        sources = [text for story in stories for text in _shown_texts(story)]
        if line is None or not self._is_grounded(line, sources=sources, subject="top_line"):
            return fallback
        return line

    def _answer(
        self, prompt: Prompt, response_format: dict[str, object], read: Callable[[str], T]
    ) -> T | None:
        """Prompt -> the parsed answer (cached by content hash), or None after logging why."""
        key = content_key(self._model, prompt)
        try:
            cached = self._cache.get(key)
            raw = cached if cached is not None else self._complete(prompt, response_format)
            answer = read(raw)
        except LLMError as exc:
            if isinstance(exc, EndpointDown):
                self._down = str(exc)
            self._log_once(str(exc))
            return None
        self._cache[key] = raw
        return answer

    def _complete(self, prompt: Prompt, response_format: dict[str, object]) -> str:
        if self._down is not None:  # a hung endpoint costs one timeout per digest, not one a story
            raise EndpointDown(self._down)
        estimate = estimate_tokens(prompt) + ANSWER_TOKENS
        if not self._budget.allows(estimate):
            raise LLMError("LLM token budget for this digest is spent")
        self._budget.spend(estimate)
        return ask(self._client, prompt, model=self._model, response_format=response_format)

    def _is_grounded(self, text: str, *, sources: Sequence[str], subject: str) -> bool:
        offending = find_ungrounded(text, sources=sources)
        if offending:
            log.warning("llm.ungrounded subject=%s tokens=%s", subject, list(offending))
        return not offending

    def _log_once(self, cause: str) -> None:
        """One warning per cause per digest: a down endpoint is one problem, not forty."""
        if cause not in self._logged:
            self._logged.add(cause)
            log.warning("llm.fallback cause=%s", cause)


def ask(
    client: openai.OpenAI, prompt: Prompt, *, model: str, response_format: dict[str, object]
) -> str:
    """Prompt -> the model's raw answer text; every client failure becomes LLMError."""
    import openai

    try:
        completion = client.chat.completions.create(
            model=model,
            messages=[
                {"role": "system", "content": prompt.system},
                {"role": "user", "content": prompt.user},
            ],
            temperature=0,
            max_tokens=ANSWER_TOKENS,
            response_format=cast("ResponseFormat", response_format),
        )
    except openai.APITimeoutError as exc:
        raise EndpointDown("LLM endpoint timed out") from exc
    except openai.APIConnectionError as exc:
        raise EndpointDown("LLM endpoint unreachable") from exc
    except openai.APIStatusError as exc:
        down = exc.status_code in (401, 403, 404, 429) or exc.status_code >= 500
        error = EndpointDown if down else LLMError
        raise error(f"LLM endpoint answered HTTP {exc.status_code}") from exc
    except (openai.OpenAIError, ValueError) as exc:  # ValueError: a 200 whose body is not JSON
        raise LLMError(f"LLM endpoint failed: {type(exc).__name__}") from exc
    choice = completion.choices[0] if completion.choices else None
    if choice is None or choice.finish_reason == "length" or not choice.message.content:
        raise LLMError("LLM answer is empty, cut off or refused")
    return choice.message.content


def content_key(model: str, prompt: Prompt) -> str:
    """Model + prompt (which holds the story content) -> the cache key for its answer."""
    material = "\x00".join((model, PROMPT_VERSION, prompt.system, prompt.user))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def estimate_tokens(prompt: Prompt) -> int:
    """Prompt -> its size in tokens, estimated at ~4 characters a token."""
    return (len(prompt.system) + len(prompt.user)) // CHARS_PER_TOKEN + 1


def _shown_texts(story: Story) -> tuple[str, ...]:
    return (*source_texts(story), story.headline, *story.summary)


def _first_sentence(stories: Sequence[Story]) -> str:
    if not stories:
        return ""
    lead = stories[0]
    sentences = split_sentences(lead.summary[0]) if lead.summary else ()
    return sentences[0] if sentences else lead.headline
