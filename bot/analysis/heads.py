"""Where a cue can start: the first words of a pattern's matches, and the words of a text.

A cue table is one case-insensitive alternation matched between word boundaries. Scanning every
position of every statement with each table costs most of the engine's time, yet a match can
only start where the text has one of the words the table's patterns begin with ("declined",
"won", "'ll"), and often only where the next word is one of a few ("the government", not every
"the"). `first_words` reads those words from the parsed pattern; `starts` finds them in a text;
`matches` tries the table only there and gives the same matches, in the same order, as
`pattern.finditer`.

A pattern whose first word cannot be listed (it starts with a character class such as `\\w+`, or
with a quotation mark) gets None and is scanned in full as before."""

from __future__ import annotations

import re
import re._casefix as _casefix
import re._constants as _c
import re._parser as _parser
from collections import defaultdict
from collections.abc import Iterator

_APOSTROPHES = ("'", "\u2019")
# what may stand between two words of a cue: spaces, and an opening quotation mark (lexicon._quote_tolerant)
_QUOTES = ("\"", "\u201c", "\u2018")
# the only non-ASCII characters that a case-insensitive ASCII letter matches (checked over all of Unicode)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_RUN = re.compile(r"\w+")
_ASCII_RUN = re.compile(r"[a-z0-9_]+")  # `\w+` in lower-case ASCII text, without the Unicode category test


def word_runs(low: str) -> re.Pattern[str]:
    r"""The pattern of `\w+` runs to use on the lower-case text `low`: a plain class when it is ASCII."""
    return _ASCII_RUN if low.isascii() else _RUN


_CAP = 4096  # more first words than this: not worth listing, scan instead
# two keys that are not words: a match that can start at any capitalised word ("(?-i:[A-Z])\w+ will
# not"), and one that can start only at the beginning of the text ("^...")
CAPITALISED = "<capitalised>"
BEGINNING = "<beginning>"

# Reading a pattern from its start, each way of matching is a state (first word, second word, phase):
# inside the first word; inside a capitalised first word (CAPITALISED: its letters are not kept, and
# hyphens join its parts as in "Jean-Luc"); in the spaces after it; inside the second word
FIRST, CAPWORD, GAP, SECOND = 0, 1, 2, 3
ONE, TWO = 4, 5  # finished: only the first word is known; both are
State = tuple[str, str, int]
Heads = dict[str, frozenset[str] | None]  # first word -> the second words it can have (None: any)


def folded(text: str) -> str:
    """`text` in lower case with the four non-ASCII letters that match an ASCII letter under
    re.IGNORECASE folded to it: a case-insensitive match of an ASCII word is a substring of this."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def first_words(pattern: str) -> Heads | None:
    """The lower-case words that every match of `pattern` (case-insensitive, followed by a word
    boundary) starts with: the whole run of word characters at the start of the match, with a
    leading apostrophe kept ("'ll"); for each, the words that can follow it after spaces, or None
    when any can (or another character comes first). None when the first words cannot be listed."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    states = _seq(list(parsed), {("", "", FIRST)})
    if states is None:
        return None
    out: dict[str, set[str] | None] = {}
    for first, second, phase in states:  # at the end of the pattern every word ends
        if phase == FIRST and first in ("", "'"):
            return None
        seconds = out.setdefault(first, set())
        if phase in (SECOND, TWO) and seconds is not None:
            seconds.add(second)
        elif phase not in (SECOND, TWO):
            out[first] = None
    if not out or len(out) > _CAP:
        return None
    return {first: None if seconds is None else frozenset(seconds) for first, seconds in out.items()}


def _open(states: set[State]) -> bool:
    return any(phase < ONE for _f, _s, phase in states)


def _unknown(states: set[State]) -> set[State] | None:
    """Something that cannot be read: fatal inside the first word; after it, only the first word is known."""
    if any(phase == FIRST for _f, _s, phase in states):
        return None
    return {(f, "", ONE) if phase in (CAPWORD, GAP, SECOND) else (f, s, phase) for f, s, phase in states}


def _end(states: set[State]) -> set[State]:
    """A word boundary: the word being read ends."""
    out = set()
    for f, s, phase in states:
        if phase == FIRST and f not in ("", "'") or phase == CAPWORD:
            phase = ONE
        elif phase == SECOND:
            phase = TWO
        out.add((f, s, phase))
    return out


def _seq(items: list, states: set[State]) -> set[State] | None:
    for op, av in items:
        if not _open(states):
            break
        states = _item(op, av, states)
        if states is None or len(states) > _CAP:
            return None
    return states


def _chars(ch: str, states: set[State]) -> set[State] | None:
    """One character read at each open state."""
    out = set()
    word = ch.isalnum() or ch == "_"
    for f, s, phase in states:
        if phase == FIRST:
            if word:
                if not ch.isascii() and not _simple_case(ch):
                    return None  # a letter whose case-insensitive matches lower() does not give alike
                out.add((f + ch.lower(), s, FIRST))
            elif ch in _APOSTROPHES and f == "":
                out.add(("'", s, FIRST))  # "'ll": a contraction's own apostrophe begins the cue
            elif f in ("", "'"):
                return None  # a cue that begins with another non-word character: not listed
            else:
                out.add((f, s, GAP if ch.isspace() else ONE))
        elif phase == CAPWORD:
            out.add((f, s, CAPWORD if word or ch == "-" else GAP if ch.isspace() else ONE))
        elif phase == GAP:
            if ch.isspace() or ch in _QUOTES:
                out.add((f, s, GAP))
            elif word and ch.isascii():
                out.add((f, ch.lower(), SECOND))
            else:
                out.add((f, "", ONE))
        elif phase == SECOND:
            if word:
                out.add((f, s + ch.lower(), SECOND) if ch.isascii() else (f, "", ONE))
            else:
                out.add((f, s, TWO))
        else:
            out.add((f, s, phase))
    return out


_EXTRA_CASES = frozenset(_casefix._EXTRA_CASES)


def _simple_case(ch: str) -> bool:
    """A letter that re.IGNORECASE matches exactly where lower() gives the same letter ("á", "é"): one
    upper and one lower case, each the other's, and none of the extra equivalences the regex engine
    knows ("σ" and "ς", "ſ" and "s")."""
    low, up = ch.lower(), ch.upper()
    return len(low) == 1 and len(up) == 1 and up.lower() == low and not (
        {ord(ch), ord(low), ord(up)} & _EXTRA_CASES)


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


def _class_kinds(av: list) -> set[str] | None:
    """What a character class can read inside a capitalised word: "word" (word characters and the
    hyphen, which joins its parts), "space", "other"; None when it is negated or not understood."""
    kinds: set[str] = set()
    for op, val in av:
        if op is _c.LITERAL:
            ch = chr(val)
            kinds.add("word" if ch.isalnum() or ch in "_-" else "space" if ch.isspace() else "other")
        elif op is _c.RANGE:
            chars = [chr(x) for x in range(val[0], val[1] + 1)]
            kinds |= {"word" if ch.isalnum() or ch in "_-" else "space" if ch.isspace() else "other" for ch in chars}
        elif op is _c.CATEGORY and val in (_c.CATEGORY_WORD, _c.CATEGORY_DIGIT):
            kinds.add("word")
        elif op is _c.CATEGORY and val is _c.CATEGORY_SPACE:
            kinds.add("space")
        else:
            return None
    return kinds


def _capital(items: list) -> bool:
    """A case-sensitive class of capital letters only: `[A-Z]`."""
    if len(items) != 1 or items[0][0] is not _c.IN:
        return False
    chars = _class(items[0][1])
    return bool(chars) and all("A" <= ch <= "Z" for ch in chars)


def _item(op, av, states: set[State]) -> set[State] | None:
    start = states == {("", "", FIRST)}
    if op is _c.LITERAL:
        return _chars(chr(av), states)
    if op is _c.IN:
        chars = _class(av)
        if chars is None:
            # inside a capitalised word a class of word characters ("[\\w-]+") reads on; elsewhere it cannot be read
            caps = {st for st in states if st[2] == CAPWORD}
            rest = _unknown(states - caps) if states - caps else set()
            if rest is None:
                return None
            kinds = _class_kinds(av) if caps else set()
            if kinds is None:
                return rest | {(f, "", ONE) for f, _s, _p in caps}
            return rest | ({st for st in caps} if "word" in kinds else set()) \
                | ({(f, s, GAP) for f, s, _p in caps} if "space" in kinds else set()) \
                | ({(f, "", ONE) for f, _s, _p in caps} if "other" in kinds else set())
        out: set[State] = set()
        for ch in dict.fromkeys(chars):
            step = _chars(ch, states)
            if step is None:
                return None
            out |= step
        return out
    if op is _c.SUBPATTERN:
        if start and av[2] & re.IGNORECASE and _capital(av[3]):
            return {(CAPITALISED, "", CAPWORD)}  # "(?-i:[A-Z])": it starts at a capitalised word
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
            if not _open(current):
                return out | current  # every way is finished: what follows no longer matters
            if n == high:
                return out
            step = _seq(list(sub), current)
            if step is None:
                return None
            if step == current and n >= low:
                return out  # more of the same changes nothing ("\s+" between two words)
            current = step
        return _unknown(out | current)  # a word that can grow on and on
    if op is _c.ASSERT_NOT and av[0] == 1 and av[1] == [(_c.IN, [(_c.CATEGORY, _c.CATEGORY_WORD)])]:
        return _end(states)  # (?!\w): the word ends here
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return states  # other look-arounds read nothing: ignoring them only lists more words
    if op is _c.AT:
        if av is _c.AT_BOUNDARY:
            return _end(states)
        if av is _c.AT_NON_BOUNDARY:
            return _unknown(states)
        if av in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING) and start:
            return {(BEGINNING, "", ONE)}
        return states
    return _unknown(states)


Index = dict[str, tuple[tuple[int, ...], dict[str, tuple[int, ...]] | None]]


def head_index(heads: list[Heads | None]) -> Index:
    """A first word -> (the numbers of the patterns (positions in `heads`) that can start with it
    whatever follows, {a second word: the numbers of those that need it there})."""
    always: dict[str, list[int]] = {}
    after: dict[str, dict[str, list[int]]] = {}
    for number, words in enumerate(heads):
        for word, seconds in (words or {}).items():
            if seconds is None:
                always.setdefault(word, []).append(number)
            else:
                for second in seconds:
                    after.setdefault(word, {}).setdefault(second, []).append(number)
    return {word: (tuple(always.get(word, ())),
                   {second: tuple(numbers) for second, numbers in after[word].items()} if word in after else None)
            for word in always.keys() | after.keys()}


def _gap(text: str, start: int, end: int) -> bool:
    """Only spaces, and opening quotation marks after them, between two words."""
    between = text[start:end]
    return between == " " or between[:1].isspace() and all(ch.isspace() or ch in _QUOTES for ch in between)


_STARTS: dict[tuple[str, int], dict[int, list[int]]] = {}  # a sentence is read for framing, then for its verb


def forget_texts() -> None:
    _STARTS.clear()


def starts(text: str, index: Index) -> dict[int, list[int]]:
    """For each pattern of `index` that can match in `text`: the offsets where a match can start,
    in order. A word right after an apostrophe is also looked up with it, at the apostrophe ("'ll"
    in "we'll"); every capitalised word under CAPITALISED; offset 0 under BEGINNING. The result
    is shared: callers must not change it."""
    key = (text, id(index))
    out = _STARTS.get(key)
    if out is None:
        if len(_STARTS) > 256:
            _STARTS.clear()
        out = _STARTS[key] = _starts(text, index)
    return out


def _starts(text: str, index: Index) -> dict[int, list[int]]:
    # lower case keeps every offset (the one character whose lower case is longer is folded first),
    # and a word of the folded text is a word of the text (both checked over all of Unicode)
    low = folded(text)
    runs = [(m.start(), m.end(), m.group()) for m in word_runs(low).finditer(low)]
    out: defaultdict[int, list[int]] = defaultdict(list)
    for number in index.get(BEGINNING, ((), None))[0]:
        out[number].append(0)
    capitals, capitals_after = index.get(CAPITALISED, ((), None))
    get = index.get
    last = len(runs) - 1
    apostrophes = "'" in text or "\u2019" in text
    for i, (at, end, word) in enumerate(runs):
        # (the two lookups are written out: this loop runs for every word of every sentence)
        if apostrophes and at and text[at - 1] in _APOSTROPHES:
            entry = get("'" + word)
            if entry is not None:
                always, after = entry
                for number in always:
                    out[number].append(at - 1)
                # the patterns that need a second word: when the next word is one of theirs
                if after is not None and i < last and _gap(text, end, runs[i + 1][0]):
                    for number in after.get(runs[i + 1][2], ()):
                        out[number].append(at - 1)
        entry = get(word)
        if entry is not None:
            always, after = entry
            for number in always:
                out[number].append(at)
            if after is not None and i < last and _gap(text, end, runs[i + 1][0]):
                for number in after.get(runs[i + 1][2], ()):
                    out[number].append(at)
        if (capitals or capitals_after) and "A" <= text[at] <= "Z":
            for number in capitals:
                out[number].append(at)
            if capitals_after is not None:
                following = _after_capitalised(text, runs, i)
                for number in capitals_after.get(following, ()):
                    out[number].append(at)
    return dict(out)


def _after_capitalised(text: str, runs: list, i: int) -> str:
    """The word after the capitalised word that starts at run `i` (its hyphen-joined parts read as one
    word: "Jean-Luc"), when only spaces and an opening quotation mark stand between; else ""."""
    for j in range(i, len(runs) - 1):
        rest = text[runs[j][1]:runs[j + 1][0]].lstrip("-")
        if rest:
            return runs[j + 1][2] if rest == " " or rest[:1].isspace() and all(
                ch.isspace() or ch in _QUOTES for ch in rest) else ""
    return ""


def matches(pattern: re.Pattern[str], text: str, offsets: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` when every match starts at one of `offsets` (in order)."""
    last = 0
    for at in offsets:
        if at < last:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            last = max(m.end(), at + 1)
