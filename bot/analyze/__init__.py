"""analyze: relevance, topics, quotes, summaries and story grouping.

Takes plain data (Articles, rules); returns plain data (Assessments). Pure: no network,
no database, no clock. The optional LLM client sits at the edge behind one small interface.
"""

from bot.analyze.assess import assess, assess_all
from bot.analyze.cluster import assign_stories, group_stories
from bot.analyze.following import Interests, compile_interests, is_match
from bot.analyze.llm import LLMConfig, StoryWriter, make_llm
from bot.analyze.quotes import extract_quotes
from bot.analyze.relevance import Relevance, judge
from bot.analyze.rules import RelevanceRules
from bot.analyze.sentences import split_sentences
from bot.analyze.summarize import summarize
from bot.analyze.topics import tag_topics

__all__ = [
    "Interests",
    "LLMConfig",
    "Relevance",
    "RelevanceRules",
    "StoryWriter",
    "assess",
    "assess_all",
    "assign_stories",
    "compile_interests",
    "extract_quotes",
    "group_stories",
    "is_match",
    "judge",
    "make_llm",
    "split_sentences",
    "summarize",
    "tag_topics",
]
