"""Size limits of a render, so a huge field is refused clearly instead of tying up a worker."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import document

# A report is about 3,000–8,000 characters; 60,000 is about 120 pages, rendered in a few
# seconds. Anything larger is refused before the renderer sees it.
MAX_RENDER_CHARS = 60_000


class TooLarge(ValueError):
    """The tree is too large to render; ``str(exc)`` is the message for the user."""


def total_chars(tree: document.Report) -> int:
    return sum(len(text) for _, text in tree.text_fields())


def check_size(tree: document.Report, limit: int | None = None) -> None:
    limit = MAX_RENDER_CHARS if limit is None else limit
    size = total_chars(tree)
    if size > limit:
        raise TooLarge(
            _(
                "The report has %(size)s characters; at most %(limit)s can be made into a file. "
                "Shorten the longest parts and try again."
            )
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )
