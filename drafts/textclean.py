"""Cleaning text at the boundary where it enters the system (forms, imports, JSON).

Word pastes vertical tabs (\\x0b) for soft line breaks; other control characters, lone
surrogates and U+FFFE/U+FFFF break python-docx and XML. They are removed or turned into
newlines here, once, so that nothing downstream has to care.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline; DEL and C1 controls; non-characters; lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|\r|\x0b|\u2028|\u2029|\x85")


def clean_text(text: str) -> str:
    """Normalise line breaks to ``\\n``, drop control characters, compose to NFC."""
    if not text:
        return ""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(text: str) -> str:
    """Like :func:`clean_text` for one-line fields: newlines and tabs become spaces, trimmed."""
    return re.sub(r"[\t\n]+", " ", clean_text(text)).strip()


def has_control_chars(text: str) -> bool:
    return bool(_CONTROL.search(text))
