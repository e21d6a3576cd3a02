"""Word segmentation of titles with jieba's dictionary, in a compact table.

jieba (without its HMM) cuts a text where the product of its dictionary's word frequencies
is largest. Its tokenizer keeps the 349,000-word dictionary, and every prefix of every word,
as a Python dict (67 MB in a render process, a third of the process's budget, for a title),
and importing it costs 110 ms and 20 MB more (pkg_resources, the HMM tables). Here the
dictionary file of the installed jieba is read as data into a sorted table (one string and
two integer arrays, 9 MB), built once per machine and cached in the temporary directory,
loaded once per process (30 ms); :func:`words` computes the same cut on it, the test
compares it with jieba's own. The genre's fixed terms (述职述廉, 德能勤绩廉, 副书记 …) are added
as the most frequent words, so they are never split.

Nothing is printed; the only file written is this module's cache, in the temporary
directory.
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

    def __init__(self, words: str, offsets: array, freqs: array):
        self._words, self._offsets, self._freqs = words, offsets, freqs
        self._count = len(freqs)
        self._extra: dict[str, int] = {}

    def _word(self, i: int) -> str:
        return self._words[self._offsets[i] : self._offsets[i + 1]]

    def _find(self, frag: str) -> int:
        return bisect_left(range(self._count), frag, key=self._word)

    def __contains__(self, frag: str) -> bool:
        if frag in self._extra:
            return True
        i = self._find(frag)
        return i < self._count and self._word(i).startswith(frag)

    def get(self, frag: str, default=None):
        if frag in self._extra:
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
    return Path(tempfile.gettempdir()) / f"reportsite-segment-{key}.marshal"


def _build(source: Path) -> tuple[str, array, array, int]:
    entries = []
    with source.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                entries.append((parts[0], int(parts[1])))
    entries.sort()
    words, offsets, freqs = [], array("I", [0]), array("I")
    end = 0
    previous = None
    for word, freq in entries:
        if word == previous:  # a word listed twice: its last frequency, as jieba reads it
            freqs[-1] = freq
            continue
        previous = word
        words.append(word)
        end += len(word)
        offsets.append(end)
        freqs.append(freq)
    return "".join(words), offsets, freqs, sum(freqs)


def _load(source: Path) -> tuple[str, array, array, int]:
    """The table of ``source``, from the cache when it is there, else built and cached."""
    cache = _cache_path(source)
    try:
        words, offsets, freqs, total = marshal.loads(cache.read_bytes())
        return words, array("I", offsets), array("I", freqs), total
    except (OSError, ValueError, EOFError, TypeError):
        pass
    words, offsets, freqs, total = _build(source)
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((words, offsets.tobytes(), freqs.tobytes(), total)))
        os.replace(tmp, cache)
    except OSError:
        LOGGER.warning("cannot cache the title dictionary in %s", cache.parent, exc_info=True)
    return words, offsets, freqs, total


class Dictionary:
    """The dictionary plus the fixed terms: :meth:`freq` of a fragment."""

    def __init__(self, table: CompactFrequencies, total: int):
        self.table = table
        for term in FIXED_TERMS:
            table[term] = _FIXED_FREQ
            for k in range(1, len(term)):
                if term[:k] not in table:
                    table[term[:k]] = 0
        self.log_total = math.log(total + _FIXED_FREQ * len(FIXED_TERMS))

    def freq(self, frag: str) -> int | None:
        """The frequency of ``frag``, 0 if it only begins words, None if no word begins so."""
        return self.table.get(frag)


def dictionary() -> Dictionary | None:
    """This process's dictionary, or None when jieba is not installed; read on first use."""
    global _dictionary
    with _lock:
        if _dictionary is None:
            source = _jieba_dictionary()
            if source is None:
                LOGGER.warning("jieba is not installed: titles break by character widths only")
                _dictionary = False
            else:
                words_, offsets, freqs, total = _load(source)
                _dictionary = Dictionary(CompactFrequencies(words_, offsets, freqs), total)
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


def _cut(dic: Dictionary | None, text: str) -> list[str]:
    if dic is None:
        return list(text)
    out: list[str] = []
    pos = 0
    for match in _TEXT_RUN.finditer(text):
        out.extend(text[pos : match.start()])
        out.extend(_route(dic, match.group()))
        pos = match.end()
    out.extend(text[pos:])
    return out


def _route(dic: Dictionary, run: str) -> list[str]:
    """The cut of ``run`` whose words' frequencies have the largest product (a word not in
    the dictionary counts 1); of equal cuts, the one whose first word is longest, as jieba
    chooses. Single ASCII letters and digits left alone are joined into one word."""
    n = len(run)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i + 1, n + 1):
            freq = dic.freq(run[i:j])
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
