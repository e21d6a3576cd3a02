"""Chinese words, from jieba's dictionary in a compact table: the one segmenter of the
product (titles broken between words, the checks' doubled characters and content words).

jieba (without its HMM) cuts a text where the product of its dictionary's word frequencies
is largest. Its tokenizer keeps the 349,000-word dictionary, and every prefix of every word,
as a Python dict (67 MB in every process that uses it, a third of a render process's
budget), and loading it costs about half a second per process. Here the dictionary file of
the installed jieba is read as data into a sorted table (one string, two integer arrays and
the part-of-speech tags, about 10 MB), built once per machine and cached in the temporary
directory, loaded once per process (about 30 ms); :func:`words` and :func:`tagged` compute
jieba's cut (and ``jieba.posseg``'s tags) on it, the tests compare them with jieba's own.
The genre's fixed terms (述职述廉, 德能勤绩廉, 副书记 …) are added as the most frequent
words (nouns), so they are never split.

Pure: no ORM, no request. Nothing is printed; the only file written is this module's
cache, in the temporary directory.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import marshal
import math
import os
import re
import tempfile
import threading
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

LOGGER = logging.getLogger("drafts.rendering")

# Terms of 述职述廉 titles that must stay whole, besides the dictionary's words: the report
# kinds, the evaluation formulas and the posts (jieba splits 副/书记, 述/廉, 德/能/勤/绩/廉).
FIXED_TERMS = (
    "述职述廉",
    "述职述德述廉",
    "述职述德述廉述法",
    "述职述责述廉",
    "述职述学述廉",
    "述学述职述廉",
    "述责述廉",
    "述德述廉",
    "述廉",
    "述德",
    "述法",
    "述学",
    "述责",
    "德能勤绩廉",
    "德能勤绩",
    "学职法廉",
    "廉洁自律",
    "全面从严治党",
    "主体责任",
    "监督责任",
    "一岗双责",
    "意识形态",
    "副书记",
    "党组书记",
    "党委书记",
    "党工委书记",
    "纪委书记",
    "党组副书记",
    "党委副书记",
    "党组成员",
    "党委委员",
    "副县长",
    "副区长",
    "副市长",
    "副镇长",
    "副乡长",
    "副局长",
    "副主任",
    "副主席",
    "副部长",
    "副校长",
    "副院长",
    "副处长",
    "副科长",
    "主任",
    "局长",
    "县长",
    "区长",
    "市长",
    "镇长",
    "乡长",
    "部长",
    "主席",
    "同志",
    "年度",
    # Bodies whose names the dictionary cuts at 和 or 委: 发展/和/改革/委员会.
    "发展和改革委员会",
    "发展和改革局",
    "人民政府",
    "人民代表大会",
    "常务委员会",
    "政法委员会",
    "纪律检查委员会",
    "监察委员会",
    "组织部",
    "宣传部",
    "统战部",
)
_FIXED_FREQ = 10**7  # above every dictionary word, so a fixed term wins its stretch

_lock = threading.Lock()
_dictionary = None


class CompactFrequencies:
    """Word -> frequency (a fragment that only begins words -> 0) over a sorted table:
    ``words`` concatenated, ``offsets[i]:offsets[i + 1]`` the i-th word; words set later
    (the fixed terms) are kept beside it."""

    def __init__(self, words: str, offsets: array, freqs: array, tag_names=(), tags=None):
        self._words, self._offsets, self._freqs = words, offsets, freqs
        self._tag_names, self._tags = list(tag_names), tags
        self._count = len(freqs)
        self._extra: dict[str, int] = {}
        self._extra_tags: dict[str, str] = {}

    def _word(self, i: int) -> str:
        return self._words[self._offsets[i] : self._offsets[i + 1]]

    def _find(self, frag: str) -> int:
        return bisect_left(range(self._count), frag, key=self._word)

    def __contains__(self, frag: str) -> bool:
        if frag in self._extra:
            return True
        i = self._find(frag)
        return i < self._count and self._word(i).startswith(frag)

    def get(self, frag: str, default=None, extra: bool = True):
        """``frag``'s frequency; ``extra=False`` leaves the words set later (the fixed terms)
        out: jieba's dictionary as it is."""
        if extra and frag in self._extra:
            return self._extra[frag]
        i = self._find(frag)
        if i < self._count:
            word = self._word(i)
            if word == frag:
                return self._freqs[i]
            if word.startswith(frag):
                return 0
        return default

    def __getitem__(self, frag: str) -> int:
        value = self.get(frag)
        if value is None:
            raise KeyError(frag)
        return value

    def __setitem__(self, word: str, freq: int) -> None:
        self._extra[word] = freq

    def tag(self, word: str) -> str:
        """The part-of-speech tag of a word: jieba's for a dictionary word, else the tag it
        was given (the fixed terms), else ``x``."""
        i = self._find(word)
        if self._tags is not None and i < self._count and self._word(i) == word:
            return self._tag_names[self._tags[i]]
        return self._extra_tags.get(word, "x")

    def set_tag(self, word: str, tag: str) -> None:
        self._extra_tags[word] = tag


def _jieba_dictionary() -> Path | None:
    """The installed jieba's dictionary file, found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def _cache_path(source: Path) -> Path:
    stat = source.stat()
    key = hashlib.sha256(f"{source}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"reportsite-words-v2-{key}.marshal"


def _build(source: Path) -> tuple[str, array, array, int, str, bytes]:
    entries = []
    with source.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                entries.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else "x"))
    entries.sort(key=lambda e: e[0])
    words, offsets, freqs = [], array("I", [0]), array("I")
    tag_names: dict[str, int] = {}
    tags = array("B")
    end = 0
    previous = None
    for word, freq, tag in entries:
        code = tag_names.setdefault(tag, len(tag_names))
        if word == previous:  # a word listed twice: its last frequency and tag, as jieba reads it
            freqs[-1], tags[-1] = freq, code
            continue
        previous = word
        words.append(word)
        end += len(word)
        offsets.append(end)
        freqs.append(freq)
        tags.append(code)
    return "".join(words), offsets, freqs, sum(freqs), " ".join(tag_names), tags.tobytes()


def _load(source: Path) -> tuple[str, array, array, int, list[str], array]:
    """The table of ``source``, from the cache when it is there, else built and cached."""
    cache = _cache_path(source)
    try:
        words, offsets, freqs, total, names, tags = marshal.loads(cache.read_bytes())
        return words, array("I", offsets), array("I", freqs), total, names.split(), array("B", tags)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    words, offsets, freqs, total, names, tags = _build(source)
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((words, offsets.tobytes(), freqs.tobytes(), total, names, tags)))
        os.replace(tmp, cache)
    except OSError:
        LOGGER.warning("cannot cache the word dictionary in %s", cache.parent, exc_info=True)
    return words, offsets, freqs, total, names.split(), array("B", tags)


class Dictionary:
    """The dictionary plus the fixed terms: :meth:`freq` of a fragment."""

    def __init__(self, table: CompactFrequencies, total: int):
        self.table = table
        for term in FIXED_TERMS:
            table[term] = _FIXED_FREQ
            table.set_tag(term, "n")
            for k in range(1, len(term)):
                if term[:k] not in table:
                    table[term[:k]] = 0
        self.log_total = math.log(total + _FIXED_FREQ * len(FIXED_TERMS))

    def freq(self, frag: str, fixed: bool = True) -> int | None:
        """The frequency of ``frag``, 0 if it only begins words, None if no word begins so;
        ``fixed=False``: as jieba's own dictionary has it, without the fixed terms."""
        return self.table.get(frag, extra=fixed)

    def tag(self, word: str) -> str:
        return self.table.tag(word)


def dictionary() -> Dictionary | None:
    """This process's dictionary, or None when jieba is not installed; read on first use."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            source = _jieba_dictionary()
            if source is None:
                LOGGER.warning("jieba is not installed: every character counts as a word")
                _dictionary = False
            else:
                words_, offsets, freqs, total, names, tags = _load(source)
                _dictionary = Dictionary(
                    CompactFrequencies(words_, offsets, freqs, names, tags), total
                )
        return _dictionary or None


_NUMBER_UNIT = re.compile(r"[0-9０-９〇零一二三四五六七八九十]+(?:年度|年|月|日|届|次)")
# What jieba cuts as text (the rest, punctuation and spaces, are words of one character).
_TEXT_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")
_ASCII_ALNUM = re.compile(r"[a-zA-Z0-9]")


def words(text: str) -> list[str]:
    """``text`` cut into words (concatenated they give ``text``): a number with its unit
    (2025年度, 二〇二五年) is one word; without jieba every character is one."""
    dic = dictionary()
    out: list[str] = []
    pos = 0
    for match in _NUMBER_UNIT.finditer(text):
        out.extend(_cut(dic, text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    out.extend(_cut(dic, text[pos:]))
    return out


def _cut(dic: Dictionary | None, text: str, fixed: bool = True) -> list[str]:
    if dic is None:
        return list(text)
    out: list[str] = []
    pos = 0
    for match in _TEXT_RUN.finditer(text):
        out.extend(text[pos : match.start()])
        out.extend(_route(dic, match.group(), fixed))
        pos = match.end()
    out.extend(text[pos:])
    return out


def _route(dic: Dictionary, run: str, fixed: bool = True) -> list[str]:
    """The cut of ``run`` whose words' frequencies have the largest product (a word not in
    the dictionary counts 1); of equal cuts, the one whose first word is longest, as jieba
    chooses. Single ASCII letters and digits left alone are joined into one word."""
    n = len(run)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            freq = dic.freq(run[i:j], fixed)
            if freq is None:
                break
            if freq:
                options.append((math.log(freq) - dic.log_total + best[j][0], j - 1))
        if not options:
            options.append((-dic.log_total + best[i + 1][0], i))
        score, last = max(options)
        best[i] = (score, last + 1)
    out: list[str] = []
    i = 0
    while i < n:
        j = best[i][1]
        word = run[i:j]
        if len(word) == 1 and _ASCII_ALNUM.match(word) and out and _is_ascii_word(out[-1]):
            out[-1] += word
        else:
            out.append(word)
        i = j
    return out


def _is_ascii_word(word: str) -> bool:
    return all(_ASCII_ALNUM.match(ch) for ch in word)


# -- parts of speech, for the checks ---------------------------------------------------------

# Parts of speech (jieba's tags) of words that carry content: nouns, verbs, adjectives and
# their kin; particles, pronouns, conjunctions, prepositions and numbers do not.
_CONTENT_TAGS = ("n", "v", "a", "vn", "an", "nz", "l", "i", "j", "s")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_ASCII_RUN = re.compile(r"^[a-zA-Z0-9]+$")


def tagged(text: str) -> list[tuple[str, str]]:
    """``text`` cut into dictionary words with their part-of-speech tags, as
    ``jieba.posseg.cut(text, HMM=False)`` gives them (the words concatenated give ``text``);
    without jieba every character is one word tagged ``x``. jieba's dictionary as it is, not
    the titles' fixed terms: ``发展改革局局长`` keeps jieba's 局局长, where a title would
    want 局长 whole."""
    dic = dictionary()
    out = []
    for word in _cut(dic, text, fixed=False):
        if dic is None:
            out.append((word, "x"))
        elif _ASCII_RUN.match(word):
            out.append((word, "eng"))
        else:
            out.append((word, dic.tag(word)))
    return out


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[str, ...]:
    """The content words (two characters or more) of ``text``, in order."""
    return tuple(
        word
        for run in _HAN_RUN.findall(text)
        for word, tag in tagged(run)
        if len(word) >= 2 and tag.startswith(_CONTENT_TAGS)
    )
