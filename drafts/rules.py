"""Found by ``rules.apps.AutodiscoverRulesConfig`` at start-up: registers the report rules."""

from . import permissions  # noqa: F401
