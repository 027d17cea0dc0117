"""Sample feeds for `peninsula demo`: fictional articles written for this project."""
