"""Load the cue lexicons in `data/` once. The engine never hard-codes a word list elsewhere."""

from __future__ import annotations

import re
import re._constants as _constants
import re._parser as _parser
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .heads import Heads, Index, first_words, head_index

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class CueTable:
    kind: str
    subtype: str
    priority: int
    needs_topic: bool
    why: str
    decides: bool
    pattern: re.Pattern[str]
    needs_actor: bool = False  # the match must follow an actor subject (see classify.ACTORS)
    # False: the cue sets the kind but casts no vote for the topic ("X would be scaled back" takes its
    # direction from the verb, "nobody should read this as Y" from Y); see classify._polarity
    polar: bool = True
    # True: a condition ("only if", "should that be warranted"): beside a commitment cue the commitment
    # decides the kind and the condition only weakens it; see classify.decide_kind
    condition: bool = False
    name: str = ""  # the table's own name in cues.toml ("future", "process")
    # a cheap pre-check: when set, the table is tried only on text containing one of these lower-case strings
    requires: tuple[str, ...] = ()
    # the words a match can start with (see heads.first_words); None: the table is scanned in full
    heads: Heads | None = None


@dataclass(frozen=True)
class ActionLexicon:
    """Verb classes of `data/actions.toml`, each with its sign (+1 more/keep, -1 less/stop)."""

    # each class: (pattern, sign, the words a match can start with, None when unbounded)
    transitive: tuple[tuple[re.Pattern[str], int, frozenset[str] | None], ...]  # verb first: "cut rates"
    intransitive: tuple[tuple[re.Pattern[str], int, frozenset[str] | None], ...]  # subject first: "rates fall"
    modifiers: tuple[tuple[re.Pattern[str], int, frozenset[str] | None], ...]  # quantity word first: "new tariffs"
    tails: frozenset[str] = frozenset()  # last words of multi-word transitive verbs ("phase out", "stick to")
    results: dict[str, int] | None = None  # state word after the object: "keep rates low" (-1), "push them up" (+1)
    caps: frozenset[str] = frozenset()  # a ceiling after a verb of staying: "the deficit will stay below 3%" holds it down


@dataclass(frozen=True)
class Lexicon:
    reporting_verbs: re.Pattern[str]
    deflection_verbs: re.Pattern[str]
    roles: tuple[str, ...]
    role_pattern: re.Pattern[str]
    generic_title: re.Pattern[str]  # "the (central bank) chief (of the Alliance)"
    bare_title: re.Pattern[str]  # a headline's title without "the": "(French) minister", "(UN) chief"
    cues: tuple[CueTable, ...]
    support: re.Pattern[str]
    oppose: re.Pattern[str]
    negation: re.Pattern[str]
    undo: re.Pattern[str]
    actions: ActionLexicon | None = None
    # "head of state" -> ("president", "king", ...): see data/title_equivalents.toml
    title_equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a reporter's words that a stance changed, by type: see data/framing.toml
    # (type, pattern, required literals, first words or None)
    framing: tuple[tuple[str, re.Pattern[str], tuple[str, ...], Heads | None], ...] = ()
    # a word -> the cue tables (numbers in `cues`), then the support and oppose lexicons (numbers
    # `support_at`, `oppose_at`), whose matches can start with it (see heads.py)
    cue_index: Index = field(default_factory=dict)
    unlisted: frozenset[int] = frozenset()  # numbers in `cue_index` whose first words could not be listed
    support_at: int = -1
    oppose_at: int = -1
    # the same for what is looked for in every sentence: the framing types (numbers in `framing`), then
    # the reporting verbs (number `verbs_at`) and the roles (`roles_at`)
    sentence_index: Index = field(default_factory=dict)
    verbs_at: int = -1
    roles_at: int = -1
    roles_listed: bool = False  # whether the roles' first words could be listed (else `roles_at` is never found)


def _lines(name: str) -> list[str]:
    out = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _quote_tolerant(pattern: str) -> str:
    """`pattern` with an optional opening quote mark after each space outside character classes
    and lookbehinds: reported speech quotes from inside a phrase ('said that was "a question for
    the Americans"', 'he would "not get into hypotheticals"'), and the phrase must still be found."""
    out: list[str] = []
    stack: list[bool] = []  # per open group: is it a lookbehind?
    in_class = escaped = False
    for k, ch in enumerate(pattern):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            stack.append(pattern.startswith(("(?<!", "(?<="), k))
        elif ch == ")" and stack:
            stack.pop()
        elif ch == " " and not any(stack) and pattern[k + 1:k + 2] not in ("?", "*", "+", "{"):
            out.append(" [\"\u201c\u2018]?")
            continue
        out.append(ch)
    return "".join(out)


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    alts = [f"(?:{_quote_tolerant(p)})" for p in sorted(patterns, key=len, reverse=True)]
    # an apostrophe after a letter is a contraction ("don't"); after a space it opens a quote ('here to stay');
    # an entry that starts with the apostrophe is the contraction itself ("'ll" in "we'll") and follows a word
    guard = r"(?<!\w)(?<!\w['\u2019])"
    if any(_first_chars(a) is None or {"'", "\u2019"} & _first_chars(a) for a in alts):
        guard = rf"(?:{guard}|(?=['\u2019]))"
    return re.compile(rf"{guard}(?:{_dispatch(alts, second=True)})(?!\w)", re.IGNORECASE)


def _dispatch(alts: list[str], second: bool = False) -> str:
    """The alternation `a1|a2|...` rewritten so the regex engine tries, at each position, only the
    alternatives that can start with the character found there (same matches, far fewer attempts).

    Alternatives are grouped by their possible first characters (read from the parsed pattern);
    each group keeps the original order and is guarded by a one-character lookahead. An
    alternative whose first character cannot be bounded joins every group, in its place.

    `second` (case-insensitive patterns only): a group is split again by the character after
    the first (see `_second_dispatch`): common first letters ("t", "w") head dozens of cues."""
    firsts = [_first_chars(a) for a in alts]
    chars = sorted({c for f in firsts if f is not None for c in f})
    if any(not c.isascii() or c != c.lower() for c in chars) or not chars:
        return "|".join(alts)
    by_members: dict[tuple[int, ...], list[str]] = {}
    for c in chars:
        members = tuple(i for i, f in enumerate(firsts) if f is None or c in f)
        by_members.setdefault(members, []).append(c)
    pairs = [_first_pairs(a) for a in alts] if second else None
    buckets = [("".join(re.escape(c) for c in cs),
                _second_dispatch(alts, members, cs, pairs) if pairs else "|".join(alts[i] for i in members))
               for members, cs in by_members.items()]
    generic = [a for a, f in zip(alts, firsts, strict=True) if f is None]
    tree = _tree(buckets)
    return "|".join([tree, *generic]) if generic else tree


def _second_dispatch(alts: list[str], members: tuple[int, ...], firsts: list[str],
                     pairs: list[frozenset[str] | None]) -> str:
    """The alternatives `members` (all that can start with a character of `firsts`), split like
    `_dispatch` by their possible second character, each group guarded by a two-character
    lookahead. An alternative whose first two characters cannot be bounded joins every group."""
    if len(members) < 3:
        return "|".join(alts[i] for i in members)
    seconds: dict[int, set[str]] = {}
    for i in members:
        if pairs[i] is not None:
            seconds[i] = {p[1] for p in pairs[i] if p[0] in firsts}
    chars = sorted({c for cs in seconds.values() for c in cs})
    if not chars or any(not c.isascii() or c != c.lower() or c == "\n" for c in chars):
        return "|".join(alts[i] for i in members)
    by_members: dict[tuple[int, ...], list[str]] = {}
    for c in chars:
        group = tuple(i for i in members if i not in seconds or c in seconds[i])
        by_members.setdefault(group, []).append(c)
    first_cls = "".join(re.escape(c) for c in firsts)
    buckets = [("".join(re.escape(c) for c in cs), "|".join(alts[i] for i in group))
               for group, cs in by_members.items()]
    generic = [alts[i] for i in members if i not in seconds]
    tree = _tree(buckets, f"[{first_cls}]")
    return "|".join([tree, *generic]) if generic else tree


def _tree(buckets: list[tuple[str, str]], before: str = "") -> str:
    """Binary dispatch over (character class, alternatives) buckets with disjoint classes;
    `before` is what the lookahead steps over first (the already dispatched first character)."""
    if len(buckets) == 1:
        cls, body = buckets[0]
        return f"(?={before}[{cls}])(?:{body})"
    half = len(buckets) // 2
    left_cls = "".join(cls for cls, _b in buckets[:half])
    return f"(?={before}[{left_cls}])(?:{_tree(buckets[:half], before)})|{_tree(buckets[half:], before)}"


def _first_pairs(pattern: str) -> frozenset[str] | None:
    """Lower-cased two-character strings a match of `pattern` (case-insensitive) can start with;
    None when unbounded or when a match may be shorter than two characters."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    heads = _heads(list(parsed), 2)
    if heads is None or any(len(h) < 2 for h in heads):
        return None
    return frozenset(heads)


def _heads(items: list, k: int) -> set[str] | None:
    """The strings a parsed sequence can match, cut to their first `k` characters (lower case;
    zero-width assertions are ignored, which only adds strings); None when unbounded."""
    out = {""}
    for op, av in items:
        need = k - min(len(s) for s in out)
        if need <= 0:
            break
        parts = _item_heads(op, av, need)
        if parts is None:
            return None
        out = {s if len(s) >= k else (s + t)[:k] for s in out for t in (parts if len(s) < k else ("",))}
        if len(out) > 4096:
            return None
    return out


def _item_heads(op, av, k: int) -> set[str] | None:
    c = _constants
    if op is c.LITERAL:
        ch = chr(av)
        return {ch.lower()} if ch.isascii() else None
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL and chr(iav).isascii():
                chars.add(chr(iav).lower())
            elif iop is c.RANGE and iav[1] - iav[0] <= 64 and iav[1] < 128:
                chars.update(chr(x).lower() for x in range(iav[0], iav[1] + 1))
            else:
                return None
        return chars
    if op is c.SUBPATTERN:
        return _heads(list(av[3]), k)
    if op is c.ATOMIC_GROUP:
        return _heads(list(av), k)
    if op is c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _heads(list(branch), k)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, sub = av
        one = _heads(list(sub), k)
        if one is None:
            return None
        out = {""}
        result: set[str] = set()
        for n in range(min(high, k) + 1):
            if n >= min(low, k):
                result |= out
            out = {(s + t)[:k] for s in out for t in one}
        return result
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return {""}
    return None


_ANY = None


def _first_chars(pattern: str) -> frozenset[str] | None:
    """Lower-cased characters a match of `pattern` (case-insensitive) can start with; None when
    unbounded (a class, a category, or a pattern that can match the empty string)."""
    try:
        parsed = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    first, nullable = _first_seq(list(parsed))
    if first is None or nullable:
        return None
    return frozenset(c.lower() for c in first)


def _first_seq(items: list) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    for op, av in items:
        first, nullable = _first_item(op, av)
        if first is None:
            return None, True
        out |= first
        if not nullable:
            return out, False
    return out, True


def _first_item(op, av) -> tuple[set[str] | None, bool]:
    c = _constants
    if op is c.LITERAL:
        return ({chr(av), chr(av).lower(), chr(av).upper()} if chr(av).isascii() else None), False
    if op is c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            if iop is c.LITERAL:
                chars.add(chr(iav))
            elif iop is c.RANGE and iav[1] - iav[0] <= 128:
                chars.update(chr(x) for x in range(iav[0], iav[1] + 1))
            else:
                return None, True
        if not all(ch.isascii() for ch in chars):
            return None, True
        return {x for ch in chars for x in (ch, ch.lower(), ch.upper())}, False
    if op is c.SUBPATTERN:
        return _first_seq(list(av[3]))
    if op is c.ATOMIC_GROUP:
        return _first_seq(list(av))
    if op is c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            first, n = _first_seq(list(branch))
            if first is None:
                return None, True
            out |= first
            nullable = nullable or n
        return out, nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        first, n = _first_seq(list(av[2]))
        return first, n or av[0] == 0
    if op in (c.ASSERT, c.ASSERT_NOT, c.AT):
        return set(), True  # zero width: the next item decides
    return None, True


def required_literals(patterns: list[str]) -> tuple[str, ...]:
    """Lower-case strings of which every match of the table contains at least one, or () when some
    pattern needs no literal at all. Lets a table be skipped with a cheap `in` test."""
    from re import _parser

    needed: list[str] = []
    for pattern in patterns:
        options = _needs(list(_parser.parse(pattern, re.IGNORECASE)), _parser)
        if options is None:
            return ()
        needed.extend(options)
    return tuple(dict.fromkeys(needed))


def _needs(items: list, parser) -> frozenset[str] | None:
    """A set of strings one of which every match of this sequence contains (None: no such set).
    Of several candidates the one whose shortest string is longest is kept (fewest false hits)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        text = "".join(run)
        if len(text.strip()) >= 3:
            candidates.append(frozenset({text}))
        run.clear()

    for op, av in items:
        if op is parser.LITERAL:
            run.append(chr(av).lower())
            continue
        flush()
        if op is parser.SUBPATTERN:
            inner = _needs(list(av[3]), parser)
            if inner:
                candidates.append(inner)
        elif op is parser.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                inner = _needs(list(branch), parser)
                if inner is None:
                    union = set()
                    break
                union |= inner
            if union:
                candidates.append(frozenset(union))
        elif op is parser.MAX_REPEAT or op is parser.MIN_REPEAT:
            low, _high, sub = av
            if low >= 1:
                inner = _needs(list(sub), parser)
                if inner:
                    candidates.append(inner)
    flush()
    if not candidates:
        return None
    return max(candidates, key=lambda c: min(len(x.strip()) for x in c))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    verbs = _lines("reporting_verbs.txt")
    # a line "re: ..." is a regular expression: "called X 'Y'" is speech, "called an election" is not
    escaped = [v[3:].strip() if v.startswith("re:") else re.escape(v).replace(r"\ ", r"\s+") for v in verbs]
    deflect = [e for v, e in zip(verbs, escaped, strict=True) if v.split()[0] in {
        "declined", "declines", "declining", "refused", "refuses", "refusing", "refrained", "refrains",
        "refraining", "would", "wouldn't", "did", "sidestepped", "sidesteps", "dodged", "avoided", "avoids",
        "was", "were", "stopped", "stops", "steered"}]
    roles = tuple(_lines("roles.txt"))
    # "vice president" is also written "Vice-President"
    role_alts = sorted((re.escape(r).replace(r"\ ", r"[\s-]+") for r in roles), key=len, reverse=True)
    cue_data = tomllib.loads((DATA / "cues.toml").read_text(encoding="utf-8"))
    cues = []
    for kind, tables in cue_data.items():
        for name, table in tables.items():
            cues.append(CueTable(
                kind=kind,
                subtype=table.get("subtype", name),
                priority=int(table["priority"]),
                needs_topic=bool(table.get("needs_topic", False)),
                why=table.get("why", ""),
                decides=bool(table.get("decides", True)),
                pattern=_alternation(table["patterns"]),
                needs_actor=bool(table.get("needs_actor", False)),
                polar=bool(table.get("polar", True)),
                condition=bool(table.get("condition", False)),
                name=name,
                requires=tuple(table.get("requires", ())) or required_literals(
                    [_quote_tolerant(p) for p in table["patterns"]]),
                heads=_table_heads(table["patterns"]),
            ))
    cues.sort(key=lambda c: -c.priority)
    stance = tomllib.loads((DATA / "stance.toml").read_text(encoding="utf-8"))
    cue_heads = [*(c.heads for c in cues), _table_heads(stance["support"]["patterns"]),
                 _table_heads(stance["oppose"]["patterns"])]
    framing = tuple((kind, _alternation(table["patterns"]), required_literals([_quote_tolerant(p) for p in table["patterns"]]),
                     _table_heads(table["patterns"]))
                    for kind, table in tomllib.loads((DATA / "framing.toml").read_text(encoding="utf-8")).items())
    # a role's first words are where a title can be ("the ... minister"): listed like the verbs
    sentence_heads = [*(t[3] for t in framing), _table_heads(escaped), _table_heads(role_alts)]
    return Lexicon(
        reporting_verbs=_alternation(escaped),
        sentence_index=head_index(sentence_heads),
        roles_listed=sentence_heads[-1] is not None,
        deflection_verbs=_alternation(deflect),
        roles=roles,
        role_pattern=_alternation(role_alts),
        generic_title=re.compile(
            # the case-sensitive first class (re.IGNORECASE reads "t" as "tT" too) lets the engine skip
            # ahead to the next "t" in C; the lookbehind after it is "no word character before it"
            r"(?-i:[Tt])(?<![\w].)he\s+((?:[\w.\u2019'-]+\s+){0,3}?(?:" + "|".join(role_alts)
            + r")(?:\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,3})?)(?![\w])",
            re.IGNORECASE,
        ),
        bare_title=re.compile(
            r"(?<![\w])((?:(?!(?:says|said|warns|tells|told|urges|insists|vows|the|a|an|and|or|of|to|in|on|for|as|by|"
            r"with|but|new|after|before)\b)[\w.\u2019'-]+\s+){0,2}?(?:" + "|".join(role_alts) + r"))(?![\w])",
            re.IGNORECASE),
        cues=tuple(cues),
        support=_alternation(stance["support"]["patterns"]),
        oppose=_alternation(stance["oppose"]["patterns"]),
        negation=_alternation(stance["negation"]["patterns"]),
        undo=_alternation(stance["undo"]["patterns"]),
        actions=_load_actions(),
        title_equivalents={k: tuple(v) for k, v in tomllib.loads(
            (DATA / "title_equivalents.toml").read_text(encoding="utf-8")).items()},
        framing=framing,
        cue_index=head_index(cue_heads),
        support_at=len(cues),
        oppose_at=len(cues) + 1,
        verbs_at=len(framing),
        roles_at=len(framing) + 1,
        unlisted=frozenset(number for number, heads in enumerate(cue_heads) if heads is None),
    )


def _table_heads(patterns: list[str]) -> Heads | None:
    """Every first word of a table's patterns with its second words, or None when one pattern's
    first words cannot be listed (see heads.first_words)."""
    words: dict[str, frozenset[str] | None] = {}
    for pattern in patterns:
        heads = first_words(_quote_tolerant(pattern))
        if heads is None:
            return None
        for first, seconds in heads.items():
            if first in words:
                known = words[first]
                seconds = None if known is None or seconds is None else known | seconds
            words[first] = seconds
    return words


def _spaced(patterns: list[str]) -> list[str]:
    return [p.replace(" ", r"\s+") for p in patterns]


def _action_class(patterns: list[str], sign: int) -> tuple[re.Pattern[str], int, frozenset[str] | None]:
    """The class's pattern, sign and every word a match can start with (None if unbounded): a
    word not in that set needs no regex match at all."""
    words: set[str] = set()
    for p in patterns:
        strings = _expand(list(_parser.parse(p)), 4096)
        if strings is None:
            return _alternation(_spaced(patterns)), sign, None
        words.update(x.split(" ", 1)[0].lower() for x in strings)
    return _alternation(_spaced(patterns)), sign, frozenset(words)


def _expand(items: list, cap: int) -> set[str] | None:
    """Every string the parsed pattern `items` matches (lookarounds ignored), or None when the
    language is unbounded or larger than `cap`."""
    c = _constants
    out = {""}
    for op, av in items:
        if op is c.LITERAL:
            parts = {chr(av)}
        elif op is c.IN:
            if not all(iop is c.LITERAL for iop, _ in av):
                return None
            parts = {chr(iav) for _iop, iav in av}
        elif op is c.SUBPATTERN:
            parts = _expand(list(av[3]), cap)
        elif op is c.BRANCH:
            parts = set()
            for branch in av[1]:
                sub = _expand(list(branch), cap)
                if sub is None:
                    return None
                parts |= sub
        elif op is c.MAX_REPEAT and av[1] <= 1:
            sub = _expand(list(av[2]), cap)
            if sub is None:
                return None
            parts = sub | ({""} if av[0] == 0 else set())
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            continue
        else:
            return None
        if parts is None:
            return None
        out = {a + b for a in out for b in parts}
        if len(out) > cap:
            return None
    return out


def _load_actions() -> ActionLexicon:
    data = tomllib.loads((DATA / "actions.toml").read_text(encoding="utf-8"))
    multi = [p for table in ("increase", "decrease") for p in data[table]["patterns"] if " " in p]
    return ActionLexicon(
        transitive=(_action_class(data["increase"]["patterns"], 1), _action_class(data["decrease"]["patterns"], -1)),
        intransitive=(_action_class(data["rise"]["patterns"], 1), _action_class(data["fall"]["patterns"], -1)),
        modifiers=(_action_class(data["modifier"]["more"], 1), _action_class(data["modifier"]["less"], -1)),
        tails=frozenset(w for p in multi for w in re.findall(r"[a-z]+", p.rsplit(" ", 1)[1])),
        results={**{w: 1 for w in data["result"]["more"]}, **{w: -1 for w in data["result"]["less"]}},
        caps=frozenset(data["result"].get("cap", ())),
    )
