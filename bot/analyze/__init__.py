"""analyze: relevance, topics, quotes, summaries and story grouping.

Takes plain data (Articles, rules); returns plain data (Assessments). Pure: no network,
no database, no clock. The optional LLM client sits at the edge behind one small interface.
"""

from bot.analyze.llm import LLMConfig, StoryWriter, make_llm
from bot.analyze.quotes import extract_quotes

__all__ = ["LLMConfig", "StoryWriter", "extract_quotes", "make_llm"]
