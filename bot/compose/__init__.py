"""compose: build digests from assessed articles and render them (Slack, Discord, plain text).

Takes StoryItems and destination settings; returns Digests and rendered messages. Pure:
no I/O. Escapes all feed text so nothing from a feed can ping a channel or forge a link.
"""
