"""analyze: relevance, topics, quotes, summaries and story grouping.

Takes plain data (Articles, rules); returns plain data (Assessments). Pure: no network,
no database, no clock. The optional LLM client sits at the edge behind one small interface.
"""

from bot.analyze.cluster import assign_stories, group_stories
from bot.analyze.llm import LLMConfig, StoryWriter, make_llm
from bot.analyze.quotes import extract_quotes
from bot.analyze.sentences import split_sentences
from bot.analyze.summarize import summarize

__all__ = [
    "LLMConfig",
    "StoryWriter",
    "assign_stories",
    "extract_quotes",
    "group_stories",
    "make_llm",
    "split_sentences",
    "summarize",
]
