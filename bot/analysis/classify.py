"""Kind, subtype, topics and per-topic stance of one statement, from the cue lexicons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .lexicon import CueTable, Lexicon
from .models import TopicEntry, TopicStance

# Clause boundaries: per-topic stance is read from the clause that names the topic.
CLAUSE_SPLIT = re.compile(
    r";|\s+-\s+|\u2014|,\s*(?=(?:but|instead|while|whereas|although|though|adding|yet|and\s+(?:he|she|they|we|i)\s)\b)"
    r"|\s+but\s+|,\s*not\s+"
    # headline style "X rejects A, urges B": a comma before a new verb of saying starts a clause
    r"|,\s*(?=(?:urges?|calls?\s+for|warns?|vows?|pledges?|rejects?|insists?|signals?)\s)",
    re.IGNORECASE,
)
# Reported speech shifts tense: "we will cut" becomes "she said they would cut". A `would` whose
# subject is a person, pronoun or named actor (a capitalised word, "the government") is read as the
# `will` the speaker used; after a common noun ("the draft would send") it stays a prediction.
BACKSHIFT = re.compile(
    r"(?<![\w'\u2019])(?:he|she|they|we|it|i|(?-i:[A-Z])[\w\u00c0-\u017f-]*|the\s+(?:government|commission|bank|cabinet|"
    r"administration|council|union|alliance|country|ministry|bloc|fed|ecb|minister|president|chancellor|committee))"
    r"\s+(would)(n't|\s+not)?(?![\w'\u2019])", re.IGNORECASE)
# The subject just before a plain future: a person, a pronoun other than "it", a capitalised name or
# an institution. "We will cut", "Brussels will propose", "the government will act" commit; "the
# fighting will stop", "a level that will do the work", "it will be clear" predict.
ACTORS = frozenset(
    "we i you he she they government commission bank cabinet administration council union alliance country "
    "ministry bloc minister president chancellor committee fed ecb eu nato us uk members allies leaders partners "
    "states countries governments".split())
_SUBJECT_SKIP = frozenset("also now then still too not never".split())


def _actor_before(text: str, at: int) -> bool:
    words = text[max(0, at - 40):at].split()
    if words and (words[-1].lower() in _SUBJECT_SKIP or words[-1].lower().endswith("ly")):
        words.pop()
    if not words:
        return False
    word = words[-1].strip("\"'\u201c\u201d,")
    return word.lower() in ACTORS or word[:1].isupper()


FIRST_PERSON = re.compile(r"(?<![\w])(we|i|we'll|i'll|we're|i'm|our|my|us)(?![\w])", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_ASKED = re.compile(r"\s*asked\b[^,]*,")
_DISPREFERRED = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\s*(?:\w+\s+){0,2}?(?:it|them|that|this|those|these|so)\b", re.IGNORECASE)
_BACKGROUND = re.compile(r"\bsince\s+(?:\S+\s+){0,4}$")


@dataclass(frozen=True)
class CueHit:
    table: CueTable
    text: str
    start: int


class TopicMatcher:
    """Finds registry topics in text by phrase, with rapidfuzz for one-word spelling variants."""

    def __init__(self, topics: tuple[TopicEntry, ...]):
        self.topics = {t.slug: t for t in topics}
        self.phrases: list[tuple[re.Pattern[str], str, int]] = []  # (pattern, slug, direction)
        # `against`/`toward` terms that are not keywords ("tightening", "lower rates") set a direction
        # but do not mark the topic: like `related` words they count only in an article already about it
        self.weak: list[tuple[re.Pattern[str], str, int]] = []
        self._keys: dict[re.Pattern[str], str] = {}  # plain-text key of each pattern, a fast pre-check
        self.single: dict[str, tuple[str, int]] = {}
        # per topic, its direction-bearing phrases (toward +1, against -1), longest first; a
        # keyword also listed as `against`/`toward` carries that direction
        self.directed: dict[str, list[tuple[str, int]]] = {}
        for t in topics:
            directed: dict[str, int] = {}
            for kw, direction in [(k, -1) for k in t.against] + [(k, 1) for k in t.toward]:
                directed.setdefault(_simplify(kw), direction)
            keywords = list(dict.fromkeys(_simplify(k) for k in t.keywords))
            for key in dict.fromkeys([*keywords, *directed]):
                direction = directed.get(key, 0)
                pattern = re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])")
                self._keys[pattern] = key
                if direction and key not in keywords:
                    self.weak.append((pattern, t.slug, direction))
                    continue
                if " " not in key and len(key) >= 6:
                    self.single[key] = (t.slug, direction)
                self.phrases.append((pattern, t.slug, direction))
            self.directed[t.slug] = sorted(directed.items(), key=lambda kv: -len(kv[0]))
        self._single_keys = list(self.single)
        self.related = []
        for t in topics:
            for k in t.related:
                key = _simplify(k)
                pattern = re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])")
                self._keys[pattern] = key
                self.related.append((pattern, t.slug))
        # A phrase can only match where the text has a word equal to the phrase's first word:
        # index the phrases by that word and look only at those (see `_candidates`).
        self._phrase_index = _LeadIndex([self._keys[p] for p, _s, _a in self.phrases])
        self._weak_index = _LeadIndex([self._keys[p] for p, _s, _a in self.weak])
        self._related_index = _LeadIndex([self._keys[p] for p, _s in self.related])
        self._fuzzy: dict[str, tuple[str, float, int] | None] = {}
        self._last_article: tuple[str, list] | None = None
        # fuzz.ratio >= 90 needs lengths within 10% of their sum: keys by length, a fast pre-cut
        self._keys_by_len: dict[int, list[str]] = {}

    def direction(self, clause: str, slug: str) -> tuple[int, int, int] | None:
        """(direction, start, end) of the topic's earliest direction-bearing phrase in `clause`
        (positions in simplified text, which keeps single spaces and hyphens as spaces)."""
        simple = _simplify(clause)
        # "Asked whether the bank would cut rates, she said ...": the question is the reporter's, so
        # a phrase in the answer decides; the question's phrase only when the answer has none
        asked = _ASKED.match(simple)
        skip = asked.end() if asked else 0
        best: tuple[int, int, int] | None = None
        for key, direction in self.directed.get(slug, ()):
            if key not in simple:
                continue
            spans = _occurs(key, simple)
            if not spans:
                continue
            # a phrase in a "since ..." clause is history ("since we started tightening"), no direction
            spans = [sp for sp in spans if not _BACKGROUND.search(simple[max(0, sp[0] - 40):sp[0]])]
            if not spans:
                continue
            later = [sp for sp in spans if sp[0] >= skip] or spans
            at = later[0][0]
            if best is None or (at >= skip, -at) > (best[0] >= skip, -best[0]):
                best = (at, -len(key), direction)
        return (best[2], best[0], best[0] - best[1]) if best else None

    def clear_caches(self) -> None:
        self._fuzzy.clear()
        self._last_article = None

    def _fuzzy_single(self, token: str) -> tuple[str, float, int] | None:
        try:
            return self._fuzzy[token]
        except KeyError:
            pass
        if len(self._fuzzy) > 50_000:
            self._fuzzy.clear()
        n = len(token)
        pool = self._keys_by_len.get(n)
        if pool is None:
            # indel distance >= length difference, so ratio <= 100 * (1 - |n - m| / (n + m))
            pool = self._keys_by_len[n] = [k for k in self._single_keys
                                           if 100 * (1 - abs(n - len(k)) / (n + len(k))) >= 89]
        hit = self._fuzzy[token] = process.extractOne(token, pool, scorer=fuzz.ratio, score_cutoff=90) if pool else None
        return hit

    def article_topics(self, text: str) -> set[str]:
        """Topics the article as a whole is about: any strong keyword anywhere in it."""
        return {span[2] for span in self._article_spans(text)}

    def _article_spans(self, text: str) -> list:
        """Outermost phrase spans of a whole article; `article_topics` and `focus` both need them."""
        if self._last_article is not None and self._last_article[0] == text:
            return self._last_article[1]
        simple = _simplify(text)
        spans = _outermost(self._phrase_spans(simple, _words(simple)))
        self._last_article = (text, spans)
        return spans

    def _phrase_spans(self, simple: str, words: set[str]) -> list[tuple[int, int, str, bool]]:
        spans: list[tuple[int, int, str, bool]] = []
        for i in self._phrase_index.candidates(words):
            pattern, slug, against = self.phrases[i]
            spans.extend((a, b, slug, against) for a, b in _occurs(self._keys[pattern], simple))
        return spans

    def focus(self, text: str, headline: str = "") -> str | None:
        """The one topic an article is clearly about, or None.

        Every keyword occurrence counts once (a headline occurrence twice, since headlines name
        the story). The leader must have at least three points and twice the runner-up: then an
        official's statement with no topic word of its own ("We have a deal") is read as being
        about that story, as a reader would."""
        counts: dict[str, int] = {}
        for part, weight in ((text, 1), (headline, 1)):
            for slug, n in self._occurrences(part, part is text).items():
                counts[slug] = counts.get(slug, 0) + weight * n
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, score = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        return top if score >= 3 and score >= 2 * second else None

    def _occurrences(self, text: str, article: bool = False) -> dict[str, int]:
        if article:
            spans = self._article_spans(text)
        else:
            simple = _simplify(text)
            spans = _outermost(self._phrase_spans(simple, _words(simple)))
        counts: dict[str, int] = {}
        for _a, _b, slug, _against in spans:
            counts[slug] = counts.get(slug, 0) + 1
        return counts

    def related_in(self, text: str, allowed: set[str]) -> list[str]:
        simple = _simplify(text)
        related = [self.related[i] for i in self._related_index.candidates(_words(simple))]
        return list(dict.fromkeys(slug for pattern, slug in related
                                  if slug in allowed and self._keys[pattern] in simple and pattern.search(simple)))

    def find(self, text: str, fuzzy: bool = True, context: set[str] | None = None) -> list[tuple[str, bool, int, int]]:
        """(slug, against, start, end) for each topic phrase in `text` (positions in simplified text).

        A phrase inside a longer phrase of another topic does not count: "EU membership" is about
        enlargement, and its "membership" is not a second hit for another topic's "membership"."""
        simple = _simplify(text)
        words = _words(simple)
        spans = self._phrase_spans(simple, words)
        for i in self._weak_index.candidates(words) if context else ():
            pattern, slug, against = self.weak[i]
            if slug in context:
                spans.extend((a, b, slug, against) for a, b in _occurs(self._keys[pattern], simple))
        hits: dict[str, tuple[str, bool, int, int]] = {}
        for a, b, slug, against in _outermost(spans):
            old = hits.get(slug)
            # the longer (more specific) phrase decides direction
            if old is None or (b - a) > (old[3] - old[2]):
                hits[slug] = (slug, against, a, b)
        if fuzzy and self._single_keys:
            for w in _WORD.finditer(simple):
                token = w.group(0)
                if len(token) < 6:
                    continue
                hit = self._fuzzy_single(token)
                if hit and hit[0] != token:
                    slug, against = self.single[hit[0]]
                    hits.setdefault(slug, (slug, against, w.start(), w.end()))
        return list(hits.values())


_RUN = re.compile(r"\w+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what `\w` matches in a str pattern


def _occurs(key: str, simple: str) -> list[tuple[int, int]]:
    r"""Spans of `(?<!\w)key(?!\w)` in `simple`, as `re.finditer` would give them, by `str.find`."""
    out = []
    at = simple.find(key)
    n = len(key)
    while at >= 0:
        end = at + n
        if (at == 0 or not _is_word_char(simple[at - 1])) and (end == len(simple) or not _is_word_char(simple[end])):
            out.append((at, end))
            at = simple.find(key, end if n else end + 1)
        else:
            at = simple.find(key, at + 1)
    return out


def _words(simple: str) -> set[str]:
    return set(_RUN.findall(simple))


class _LeadIndex:
    r"""Phrase numbers by the phrase's leading word (its first run of word characters).

    A phrase matched as `(?<!\w)phrase(?!\w)` starts where a word of the text starts, and that
    word equals the phrase's leading word, so only phrases whose leading word occurs in the text
    can match. Phrases that start with a non-word character are always candidates."""

    def __init__(self, keys: list[str]):
        self.by_lead: dict[str, list[int]] = {}
        self.always: list[int] = []
        for i, key in enumerate(keys):
            m = _RUN.match(key)
            if m:
                self.by_lead.setdefault(m.group(0), []).append(i)
            else:
                self.always.append(i)

    def candidates(self, words: set[str]) -> list[int]:
        found = list(self.always)
        by_lead = self.by_lead
        for w in words:
            hit = by_lead.get(w)
            if hit:
                found.extend(hit)
        found.sort()
        return found


def _outermost(spans: list) -> list:
    """Drop spans lying inside a longer span of a different topic (item 2 is the slug)."""
    spans = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    longest = max((s[1] - s[0] for s in spans), default=0)
    out: list = []
    for span in spans:
        a, b, slug = span[0], span[1], span[2]
        inside = False
        # kept spans are in start order; one that starts more than `longest` earlier cannot contain this
        for o in reversed(out):
            if o[0] < a - longest:
                break
            if o[0] <= a and b <= o[1] and o[2] != slug and (o[1] - o[0]) > (b - a):
                inside = True
                break
        if not inside:
            out.append(span)
    return out


_SPACES = re.compile(r"[\s-]+")


def _simplify(text: str) -> str:
    """Lower case, straight apostrophes, hyphens as spaces: same length is not needed here."""
    return _SPACES.sub(" ", text.lower().replace("\u2019", "'"))


def cue_hits(text: str, lexicon: Lexicon, has_topic: bool, memo: dict | None = None) -> list[CueHit]:
    """Every cue table's matches in `text`; `memo` (one dict per statement) reuses the result
    when a clause is the whole statement or several topics share a clause."""
    if memo is not None:
        key = (text, has_topic)
        hit = memo.get(key)
        if hit is None:
            hit = memo[key] = cue_hits(text, lexicon, has_topic)
        return list(hit)
    hits = []
    first_person = has_topic or bool(FIRST_PERSON.search(text))
    for table in lexicon.cues:
        if table.needs_topic and not (has_topic or first_person):
            continue
        for m in table.pattern.finditer(text):
            if table.needs_actor and not (m.group(0).startswith("'") or _actor_before(text, m.start())):
                continue
            hits.append(CueHit(table, m.group(0), m.start()))
    return hits


def decide_kind(hits: list[CueHit]) -> tuple[str, str]:
    """The highest-priority cue decides; a table with `decides = false` (bare modals such as
    "could") only marks the statement as weakened and never makes it a deflection by itself."""
    hits = [h for h in hits if h.table.decides]
    if not hits:
        return "position", "claim"
    top = max(hits, key=lambda h: h.table.priority)
    return top.table.kind, top.table.subtype


def backshift(text: str) -> tuple[str, list[int]]:
    """Reported `would` back to `will` (see BACKSHIFT); returns the new text and, for each of its
    offsets, the offset in `text` (one extra entry for the end)."""
    out: list[str] = []
    where: list[int] = []
    last = 0
    for m in BACKSHIFT.finditer(text):
        at = m.start(1)
        out.append(text[last:at])
        where.extend(range(last, at))
        neg = m.group(2)
        new = "will" if not neg else ("won't" if neg == "n't" else "will not")
        out.append(new)
        where.extend(min(at + i, m.end() - 1) for i in range(len(new)))
        last = m.end()
    out.append(text[last:])
    where.extend(range(last, len(text) + 1))
    return "".join(out), where


def classify_statement(text: str, lexicon: Lexicon, matcher: TopicMatcher, inherited: tuple[str, ...] = (),
                       context: set[str] | None = None, focus: str | None = None, reported: bool = False,
                       ) -> tuple[str, str, tuple[str, ...], tuple[TopicStance, ...]]:
    """Kind, subtype, cues and per-topic stances of one statement's text.

    Topics come from the statement's own keywords; failing those, from weaker `related` words of a
    topic the article is about (`context`); failing those, from `inherited`: the previous sentence
    of the same speaker when this one continues it ("It will take time"); failing that, the
    article's `focus` topic, the one story it clearly tells. `reported` (indirect speech) reads a
    backshifted `would` as `will`; cues are still quoted from the original words."""
    original = text
    where: list[int] | None = None
    if reported:
        text, where = backshift(text)
        if text == original:
            where = None
    found = matcher.find(text, context=context)
    if not found and context:
        related = matcher.related_in(text, context)
        if related:
            inherited = tuple(related)
    if not found and not inherited and focus:
        inherited = (focus,)
    memo: dict = {}
    hits = cue_hits(text, lexicon, bool(found or inherited), memo)
    kind, subtype = decide_kind(hits)
    ordered = sorted(hits, key=lambda h: -h.table.priority)
    if where is not None:
        cues = tuple(dict.fromkeys(original[where[h.start]:where[h.start + len(h.text) - 1] + 1] for h in ordered))
    else:
        cues = tuple(dict.fromkeys(h.text for h in ordered))
    clauses = _clauses(text)
    stances = []
    if found:
        simple = _simplify(text)
        for slug, against, start, _end in found:
            clause = _clause_at(clauses, simple, start)
            stances.append(_topic_stance(slug, clause, against, lexicon, matcher, memo, named=True))
    else:
        for slug in inherited:
            # after a contrast ("eased, which is welcome, but it remains well above target") the
            # last clause that points a way for the topic carries the point
            pointing = [c for c in clauses if matcher.direction(c, slug)] if len(clauses) > 1 else []
            stances.append(_topic_stance(slug, pointing[-1] if pointing else text, False, lexicon, matcher, memo))
    if kind == "deflection" and subtype in ("declined", "deferred", "hedged"):
        # a statement that as a whole deflects takes no side on any of its topics
        stances = [TopicStance(t.slug, "neutral", t.kind, t.subtype, t.weakened) for t in stances]
    return kind, subtype, cues, tuple(stances)


def _clauses(text: str) -> list[str]:
    parts = []
    last = 0
    for m in CLAUSE_SPLIT.finditer(text):
        parts.append(text[last:m.start()])
        last = m.start()
    parts.append(text[last:])
    return [p for p in parts if p.strip()]


def _clause_at(clauses: list[str], simple: str, pos: int) -> str:
    """The clause containing simplified-text position `pos` (clause lengths survive _simplify
    closely enough: only whitespace runs shrink)."""
    acc = 0
    for clause in clauses:
        acc += len(_simplify(clause))
        if pos < acc:
            return clause
    return clauses[-1] if clauses else simple


def _topic_stance(slug: str, clause: str, against: bool, lexicon: Lexicon, matcher: TopicMatcher,
                  memo: dict | None = None, named: bool = False) -> TopicStance:
    """Stance = the clause's evaluative polarity times the direction of the topic phrase.

    A direction-bearing phrase ("rate cuts" +1, "rate hike" -1, see `TopicMatcher.direction`)
    that the clause asserts without any evaluative cue still shows where the speaker stands
    ("we can begin lowering rates" supports cutting); negated ("no rate cuts") it points the other
    way. A plain keyword ("interest rates") takes only the clause's polarity. `against` (the matched
    phrase's direction) is not used: the clause itself is re-read for its direction-bearing phrase."""
    hits = cue_hits(clause, lexicon, True, memo)
    kind, subtype = decide_kind(hits)
    weak = any(h.table.subtype == "hedged" for h in hits) or bool(re.search(r"no longer", clause, re.I))
    directed = matcher.direction(clause, slug)
    span = None
    if directed is not None:
        direction, topic_pos = directed[0], _raw_position(clause, directed[1])
        span = (topic_pos, _raw_position(clause, directed[2]))
    else:
        # no usable direction-bearing phrase (none, or only in a "since ..." clause): polarity alone
        direction, topic_pos = 0, _topic_position(clause, slug, matcher)
    # a commitment takes a side on a topic only when the topic is in its scope: the clause names it
    # (keyword or direction-bearing phrase); otherwise "we will", "must", a refusal bind something else
    polarity = _polarity(clause, hits, lexicon, topic_pos, span, scoped=named or directed is not None or topic_pos is not None)
    if polarity == 0 and topic_pos is not None and _negated_before(clause, topic_pos, lexicon, window=3):
        polarity = -1  # "not NATO membership", "no rate cuts"
    elif polarity == 0 and directed is not None:
        # the directed phrase asserted as it stands; denied ("rate cuts did not come up") the other way
        polarity = -1 if span and lexicon.negation.search(clause[span[1]:]) else 1
    if direction < 0:
        polarity = -polarity
    if topic_pos is not None and _DISPREFERRED.search(clause[max(0, topic_pos - 30):topic_pos]):
        polarity = -polarity if polarity else -1  # "deepen markets rather than retreat into protectionism"
    if kind == "deflection" and subtype in ("declined", "deferred", "hedged"):
        polarity = 0  # a deflection takes no side: "it will depend on the data", "too early to say"
    stance = {1: "support", -1: "oppose", 0: "neutral"}[polarity]
    return TopicStance(slug, stance, kind, subtype, weak)


def _raw_position(clause: str, simple_pos: int) -> int:
    """Offset in `clause` of simplified-text offset `simple_pos` (whitespace runs shrink)."""
    i = j = 0
    n = len(clause)
    while i < n and j < simple_pos:
        if clause[i] in " \t\n-":
            while i + 1 < n and clause[i + 1] in " \t\n-":
                i += 1
        i += 1
        j += 1
    return i


def _topic_position(clause: str, slug: str, matcher: TopicMatcher) -> int | None:
    topic = matcher.topics.get(slug)
    if not topic:
        return None
    low = clause.lower().replace("-", " ")
    for kw in (*topic.keywords, *topic.against, *topic.related):
        i = low.find(kw.replace("-", " "))
        if i >= 0:
            return i
    return None


def _polarity(clause: str, hits: list[CueHit], lexicon: Lexicon, topic_pos: int | None,
              span: tuple[int, int] | None = None, scoped: bool = True) -> int:
    """+1 toward the proposition, -1 against, 0 neither; negation and undo verbs flip. Cue words
    inside the direction-bearing phrase `span` ("scrap tariffs", "protectionism") are part of that
    phrase's direction and do not count again."""
    score = 0
    dropped: list[tuple[int, int]] = []
    if not scoped:
        # the clause does not name the topic: a refusal ("we will not hesitate to act", "there will
        # be no retaliation against services") rules out something else, unless its object is an
        # anaphor for the topic ("we will not be putting them back") or it refuses a retreat
        for h in hits:
            if h.table.subtype == "refusal" and not _refuses_retreat(clause, h, lexicon) and not _ANAPHOR.match(
                    clause[h.start + len(h.text):]):
                dropped.append((h.start, h.start + len(h.text)))
        hits = [h for h in hits if (h.start, h.start + len(h.text)) not in dropped]
    refusals = [h for h in hits if h.table.subtype == "refusal"]
    if refusals and not any(_refuses_retreat(clause, h, lexicon) for h in refusals):
        score -= 2  # "we will not walk away from it" refuses a retreat: firmness, not opposition
    for m in lexicon.oppose.finditer(clause):
        if span and span[0] <= m.start() < span[1]:
            continue
        score -= 1 if not _negated_before(clause, m.start(), lexicon) else -1
    positive = [h for h in hits if h.table.kind == "commitment" and h.table.subtype != "refusal"]
    support_spans = [(m.start(), m.group(0)) for m in lexicon.support.finditer(clause)]
    support_spans += [(h.start, h.text) for h in positive]
    firm = [(h.start, h.start + len(h.text)) for h in refusals if _refuses_retreat(clause, h, lexicon)] + dropped
    if firm:  # "not going to walk away": the refusal's own "going to" is no separate cue
        support_spans = [(a, t) for a, t in support_spans if not any(x <= a < y for x, y in firm)]
    # an assurance whose own words hold a negator ("no road back", "I have no doubt", "not
    # negotiable", "cannot be reversed") is a fixed expression of firmness: its negator does not flip it
    fixed = {h.start for h in positive if h.table.subtype == "assurance"}
    for start, said in dict(support_spans).items():
        if span and span[0] <= start < span[1]:
            continue
        negated = _negated_before(clause, start, lexicon) or (
            start not in fixed and bool(lexicon.negation.search(said)))
        score += -1 if negated else 1
    if topic_pos is not None and _undone(clause, topic_pos, lexicon):
        score = -score if score else -1
    return (score > 0) - (score < 0)


def _negated_before(clause: str, pos: int, lexicon: Lexicon, window: int = 4) -> bool:
    before = clause[:pos]
    words = re.findall(r"[\w'\u2019]+", before)[-window:]
    return bool(lexicon.negation.search(" ".join(words)))


def _undone(clause: str, topic_pos: int, lexicon: Lexicon) -> bool:
    words = re.findall(r"[\w'\u2019]+", clause[:topic_pos])[-4:]
    return bool(lexicon.undo.search(" ".join(words)))


def _refuses_retreat(clause: str, hit: CueHit, lexicon: Lexicon) -> bool:
    """True when the refusal's negator governs a retreat or undo word ("will not water it down",
    "not going to walk away", "will not revisit the plan"): the negated oppose word then counts
    for the topic on its own (see `_polarity`), and the refusal itself takes no side."""
    neg = lexicon.negation.search(hit.text)
    if neg is None:
        return False
    start = hit.start + neg.end()
    region = clause[start:hit.start + len(hit.text) + 30]
    words = re.findall(r"[\w'\u2019]+", region)[:5]
    tail = " ".join(words)
    return bool(lexicon.oppose.search(tail) or lexicon.undo.search(tail))
