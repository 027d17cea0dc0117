"""Sample feeds for `peninsula demo`: fictional articles written for this project (no real reporting)."""
