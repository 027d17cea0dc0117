"""commands: the /korea chat grammar, its handlers, and thin Slack and Discord adapters."""
