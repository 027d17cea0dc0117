"""deliver: post rendered digests to the terminal, Slack (slack-sdk) and Discord (HTTP).

Takes rendered messages and a destination; returns a Receipt. Thin I/O only: never decides
what to post, never retries forever.
"""
