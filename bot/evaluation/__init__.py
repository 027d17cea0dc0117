"""evaluation: `peninsula eval ...` — score analyze against the labelled data in ../shared.

Reads files and prints figures; calls the same analyze code that `peninsula analyze` runs.
"""
