"""Found by ``rules.apps.AutodiscoverRulesConfig`` at start-up: registers the report rules."""

from . import access  # noqa: F401
