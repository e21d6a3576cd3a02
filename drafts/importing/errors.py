"""The one exception of the importer."""

from __future__ import annotations


class ImportFailed(ValueError):
    """The input cannot be imported; ``str(exc)`` is a message in Chinese for the user."""
