"""Peninsula: a Korea news briefing bot for Slack and Discord.

A feed item flows one way: ingest -> store -> analyze -> compose -> deliver.
`bot.pipeline` alone knows that order; `bot.app` wires the clients.
"""

__version__ = "0.1.0"
