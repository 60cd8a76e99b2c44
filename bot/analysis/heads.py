"""Where a cue can start: the first words of a pattern's matches, and the words of a text.

A cue table is one case-insensitive alternation matched between word boundaries. Scanning every
position of every statement with each table costs most of the engine's time, yet a match can
only start where the text has one of the words the table's patterns begin with ("declined",
"won", "'ll"). `first_words` reads those words from the parsed pattern; `word_index` lists a
text's words once; `matches` tries the table only at the positions of its words and gives the
same matches, in the same order, as `pattern.finditer`.

A pattern whose first word cannot be listed (it starts with a character class such as `\\w+`, or
with a quotation mark) gets None and is scanned in full as before."""

from __future__ import annotations

import re
import re._constants as _c
import re._parser as _parser
from collections.abc import Iterator

_APOSTROPHES = ("'", "\u2019")
# the only non-ASCII characters that a case-insensitive ASCII letter matches (checked over all of Unicode)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_RUN = re.compile(r"\w+")
_CAP = 4096  # more first words than this: not worth listing, scan instead
# two keys that are not words: a match that can start at any capitalised word ("(?-i:[A-Z])\w+ will
# not"), and one that can start only at the beginning of the text ("^...")
CAPITALISED = "<capitalised>"
BEGINNING = "<beginning>"

State = tuple[str, bool]  # (the first word so far, whether it has ended)


def first_words(pattern: str) -> frozenset[str] | None:
    """Lower-case words that every match of `pattern` (case-insensitive, followed by a word
    boundary) starts with: the whole run of word characters at the start of the match, with a
    leading apostrophe kept ("'ll"). None when they cannot be listed."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    states = _seq(list(parsed), {("", False)})
    if states is None:
        return None
    words = {word for word, _ended in states}  # at the end of the pattern the word ends too
    if "" in words or "'" in words or len(words) > _CAP:
        return None
    return frozenset(words)


def _seq(items: list, states: set[State]) -> set[State] | None:
    for op, av in items:
        if all(ended for _w, ended in states):
            break
        states = _item(op, av, states)
        if states is None or len(states) > _CAP:
            return None
    return states


def _chars(ch: str, states: set[State]) -> set[State] | None:
    """One character read at each open first word."""
    out = set()
    for word, ended in states:
        if ended:
            out.add((word, True))
        elif ch.isalnum() or ch == "_":
            if not ch.isascii():
                return None  # case-insensitive matching of other scripts is not modelled
            out.add((word + ch.lower(), False))
        elif ch in _APOSTROPHES and word == "":
            out.add(("'", False))  # "'ll": a contraction's own apostrophe begins the cue
        elif word in ("", "'"):
            return None  # a cue that begins with another non-word character: not listed
        else:
            out.add((word, True))  # a space or punctuation ends the first word
    return out


def _class(av: list) -> list[str] | None:
    """The characters of a character class, or None when it holds a category of word characters,
    is negated, or is large."""
    out: list[str] = []
    for op, val in av:
        if op is _c.LITERAL:
            out.append(chr(val))
        elif op is _c.RANGE and val[1] - val[0] <= 64:
            out.extend(chr(x) for x in range(val[0], val[1] + 1))
        elif op is _c.CATEGORY and val is _c.CATEGORY_SPACE:
            out.append(" ")  # any space ends a word alike
        else:
            return None
    return out


def _item(op, av, states: set[State]) -> set[State] | None:
    if op is _c.LITERAL:
        return _chars(chr(av), states)
    if op is _c.IN:
        chars = _class(av)
        if chars is None:
            return None
        out: set[State] = set()
        for ch in dict.fromkeys(chars):
            step = _chars(ch, states)
            if step is None:
                return None
            out |= step
        return out
    if op is _c.SUBPATTERN:
        if states == {("", False)} and av[2] & re.IGNORECASE and _capital(av[3]):
            return {(CAPITALISED, True)}  # "(?-i:[A-Z])": whatever follows, it starts at a capitalised word
        return _seq(list(av[3]), states)
    if op is _c.ATOMIC_GROUP:
        return _seq(list(av), states)
    if op is _c.BRANCH:
        out = set()
        for branch in av[1]:
            step = _seq(list(branch), states)
            if step is None:
                return None
            out |= step
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av
        out = set()
        current = states
        for n in range(9):
            if n >= low:
                out |= current
            if n == high or all(ended for _w, ended in current):
                return out
            current = _seq(list(sub), current)
            if current is None:
                return None
        return None  # a word that can grow on and on
    if op is _c.ASSERT_NOT and av[0] == 1 and av[1] == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])]:
        return {(word, ended or word not in ("", "'")) for word, ended in states}  # (?!\w): the word ends here
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return states  # other look-arounds read nothing: ignoring them only lists more words
    if op is _c.AT:
        if av is _c.AT_BOUNDARY:
            return {(word, ended or word not in ("", "'")) for word, ended in states}
        if av is _c.AT_NON_BOUNDARY:
            return None
        if av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING) and states == {("", False)}:
            return {(BEGINNING, True)}
        return states
    return None


def _capital(items: list) -> bool:
    """A case-sensitive class of capital letters only: `[A-Z]`."""
    if len(items) != 1 or items[0][0] is not _c.IN:
        return False
    chars = _class(items[0][1])
    return bool(chars) and all("A" <= ch <= "Z" for ch in chars)


def word_index(text: str) -> dict[str, list[int]]:
    """Each word of `text` (lower case) with the offsets where it starts; a word right after an
    apostrophe is also listed with it, at the apostrophe ("'ll" in "we'll"). The offsets of the
    words that start with a capital letter are listed under CAPITALISED, 0 under BEGINNING."""
    index: dict[str, list[int]] = {BEGINNING: [0]}
    capitals: list[int] = []
    for m in _RUN.finditer(text):
        word = m.group()
        at = m.start()
        if "A" <= word[0] <= "Z":
            capitals.append(at)
        word = word.lower() if word.isascii() else word.translate(_FOLD).lower()
        index.setdefault(word, []).append(at)
        if at and text[at - 1] in _APOSTROPHES:
            index.setdefault("'" + word, []).append(at - 1)
    if capitals:
        index[CAPITALISED] = capitals
    return index


def head_index(heads: list[frozenset[str] | None]) -> dict[str, tuple[int, ...]]:
    """A word -> the numbers of the patterns (positions in `heads`) whose matches can start with it."""
    index: dict[str, list[int]] = {}
    for number, words in enumerate(heads):
        for word in words or ():
            index.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in index.items()}


def starts(text: str, index: dict[str, tuple[int, ...]]) -> dict[int, list[int]]:
    """For each pattern of `index` that can match in `text`: the offsets where a match can start, sorted."""
    out: dict[int, list[int]] = {}
    for word, offsets in word_index(text).items():
        for number in index.get(word, ()):
            out.setdefault(number, []).extend(offsets)
    for offsets in out.values():
        offsets.sort()
    return out


def matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` when every match starts at one of `starts` (sorted)."""
    last = 0
    for at in starts:
        if at < last:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            last = max(m.end(), at + 1)
