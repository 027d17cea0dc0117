"""analyze: relevance, topics, quotes, summaries and story grouping.

Takes plain data (Articles, rules); returns plain data (Assessments). Pure: no network,
no database, no clock. The optional LLM client sits at the edge behind one small interface.
"""

from bot.analyze.llm import LLMConfig, StoryWriter, make_llm

__all__ = ["LLMConfig", "StoryWriter", "make_llm"]
