"""Chinese words, from the ``jieba`` segmenter: which characters belong to one word, and a
text's content words for fuzzy matching.

jieba's dictionary is loaded once per process, on first use (about half a second; it keeps a
cache file in the temporary folder), with its HMM guesser off so that only dictionary words
join characters.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)
_ready = threading.Lock()
_loaded = False

# Parts of speech (jieba's tags) of words that carry content: nouns, verbs, adjectives and
# their kin; particles, pronouns, conjunctions, prepositions and numbers do not.
_CONTENT_TAGS = ("n", "v", "a", "vn", "an", "nz", "l", "i", "j", "s")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


def load() -> None:
    """Load the dictionary (idempotent; safe from several threads)."""
    global _loaded
    if _loaded:
        return
    with _ready:
        if not _loaded:
            jieba.initialize()
            _loaded = True


def tagged(text: str) -> list[tuple[str, str]]:
    """``text`` cut into dictionary words with their part-of-speech tags."""
    load()
    return [(w.word, w.flag) for w in jieba.posseg.cut(text, HMM=False)]


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[str, ...]:
    """The content words (two characters or more) of ``text``, in order."""
    load()
    words = []
    for run in _HAN_RUN.findall(text):
        for w in jieba.posseg.cut(run, HMM=False):
            if len(w.word) >= 2 and w.flag.startswith(_CONTENT_TAGS):
                words.append(w.word)
    return tuple(words)
