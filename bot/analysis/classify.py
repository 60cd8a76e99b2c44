"""Kind, subtype, topics and per-topic stance of one statement, from the cue lexicons."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .heads import folded, matches, starts, word_runs
from .lexicon import CueTable, Lexicon, _dispatch
from .models import TopicEntry, TopicStance

# Clause boundaries: per-topic stance is read from the clause that names the topic.
CLAUSE_SPLIT = re.compile(
    r";|\s+-\s+|\u2014|,\s*(?=(?:but|instead|while|whereas|although|though|adding|yet|and\s+(?:he|she|they|we|i)\s)\b)"
    r"|\s+but\s+|,\s*not\s+"
    # a time or reason clause after a comma tells what happened around the words: "will not weaken the
    # targets, after the Conservatives pledged to repeal the law"
    r"|,\s*(?=(?:after|before|since|because|following|as\s+(?!well\b|much\b|long\b|soon\b|far\b))\s*\w)"
    # headline style "X rejects A, urges B", "Bank holds rates, governor rules out cuts": a comma before
    # a new verb of saying (after at most a short subject) starts a clause
    r"|,\s*(?=(?:[a-z][\w-]*\s+){0,2}?(?:urges?|calls?\s+for|warns?|vows?|pledges?|rejects?|insists?|signals?|rules?\s+out)\s)",
    re.IGNORECASE,
)
# Reported speech shifts tense: "we will cut" becomes "she said they would cut". A `would` whose
# subject is a person, pronoun or named actor (a capitalised word, "the government") is read as the
# `will` the speaker used; after a common noun ("the draft would send") it stays a prediction.
BACKSHIFT = re.compile(
    r"(?<![\w'\u2019])(?:he|she|they|we|it|i|(?-i:[A-Z])[\w\u00c0-\u017f-]*|the\s+(?:government|commission|bank|cabinet|"
    r"administration|council|union|alliance|country|ministry|bloc|fed|ecb|minister|president|chancellor|committee)"
    # the speaker's own side: "her party would table amendments", "a Labour government would repeal it"
    r"|(?:the|her|his|their|our|its|a|an)\s+(?:(?-i:[A-Z])[\w\u00c0-\u017f-]*\s+)?(?:government|party|group|coalition"
    r"|administration|cabinet))"
    r"\s+(would)(n't|\s+not)?(?![\w'\u2019])", re.IGNORECASE)
# The subject just before a plain future: a person, a pronoun other than "it", a capitalised name or
# an institution. "We will cut", "Brussels will propose", "the government will act" commit; "the
# fighting will stop", "a level that will do the work", "it will be clear" predict.
ACTORS = frozenset(
    "we i you he she they government commission bank cabinet administration council union alliance country "
    "ministry bloc minister president chancellor committee fed ecb eu nato us uk members allies leaders partners "
    "states countries governments party group coalition".split())
_SUBJECT_SKIP = frozenset("also now then still too not never".split())
_PERSONAL = frozenset("i we he she they".split())
_DETERMINERS = frozenset("the a an this that these those its their his her our my any every each".split())
# auxiliaries between a subject and a verb of appealing or promising: "Sybiha has called on partners to"
_AUXILIARY_SKIP = frozenset("has have had again already".split())


# Subjects that nobody controls: a future said of them is a forecast, not a promise ("inflation will
# fall", "the trend would continue", "prices will remain high"), even when the word is capitalised
# at the start of a quote ("Inflation will not be beaten ...").
IMPERSONAL = frozenset(
    "inflation prices price growth economy economies trend trends demand unemployment markets market wages "
    "output costs yields recession recovery uncertainty volatility tensions".split())
_FUTURE_START = re.compile(r"(?:will|would|shall|won't|wouldn't|shan't)\b", re.IGNORECASE)


def _subject_before(text: str, at: int) -> str:
    words = text[max(0, at - 40):at].rstrip(" \"'\u201c\u2018").split()  # Portugal 'will not ...'
    if words and (words[-1].lower() in _SUBJECT_SKIP or words[-1].endswith("ly") and words[-1][:1].islower()):
        words.pop()  # an adverb ("firmly"), not a name that ends like one ("Italy", "Kelly")
    return words[-1].strip("\"'\u201c\u201d,") if words else ""


def _subject_of(text: str, hit: CueHit) -> str:
    """The subject a commitment cue names or follows, lower case: "Putin will not", "Moscow has agreed"."""
    first = hit.text.split(" ", 1)[0].strip("\"'\u201c\u2018")
    if first[:1].isupper() and first.lower() not in _PERSONAL | _DETERMINERS:
        return first.lower()
    return _subject_before(text, hit.start).lower()


def _actor_before(text: str, at: int) -> bool:
    if at == 0 and text[:1].islower():
        return True  # a reported statement read from its verb on ("urged ministers to ..."): the speaker acts
    words = text[max(0, at - 40):at].split()
    if words and words[-1].lower() in _AUXILIARY_SKIP:
        at = text.rindex(words[-1], 0, at)  # "has called on", "had asked Trump to"
    word = _subject_before(text, at)
    if word.lower() in ("and", "but"):
        # a second verb sharing the clause's subject: "he understood those concerns and would offer ..."
        clause = re.split(r"[,;:]|\bthat\b", text[max(0, at - 80):at])[-1].split()
        return any(w.lower() in _PERSONAL or w[:1].isupper() and w.lower() not in IMPERSONAL for w in clause[:-1])
    if not word or word.lower() in IMPERSONAL or word.lower() in _DETERMINERS:
        return False  # "The offer to resume talks": a capital that only starts the sentence
    return word.lower() in ACTORS or word[:1].isupper()


def _impersonal_future(text: str, m: re.Match[str]) -> bool:
    """True when a commitment cue is a future whose subject is an impersonal quantity: a forecast."""
    return bool(_FUTURE_START.match(m.group(0))) and _subject_before(text, m.start()).lower() in IMPERSONAL


FIRST_PERSON = re.compile(r"(?<![\w])(we|i|we'll|i'll|we're|i'm|our|my|us)(?![\w])", re.IGNORECASE)
# the words (`[a-z0-9][a-z0-9'-]*`) of 6 characters or more in simplified text (a run too short from its
# first character is too short from any later one)
_LONG_WORD = re.compile(r"[a-z0-9][a-z0-9'-]{5,}")
# "Asked whether ...,", "Pressed on ...,": the reporter's question, not the speaker's words
_ASKED = re.compile(r"\s*(?:asked|pressed)\b[^,]*,")
_DISPREFERRED = re.compile(r"\b(?:rather\s+than|instead\s+of)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\s*(?:\w+\s+){0,2}?(?:it|them|that|this|those|these|so)\b", re.IGNORECASE)
# between a verb and its object: only determiners ("undoing the progress", "harms all the progress")
_OBJECT_GAP = re.compile(r"\s+(?:(?:the|a|an|this|that|these|those|our|its|their|his|her|all|any|much|of)\s+)*",
                         re.IGNORECASE)
_CONTRAST = re.compile(r"[\s,;]*(?:but|yet)\b", re.IGNORECASE)
_PERSON_RELATIVE = re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)
# an obligation binds what its clause names: unscoped ("we have to be realistic") it takes no side
_OBLIGATION = re.compile(r"must|(?:need|needs|have|has)\s+to", re.IGNORECASE)
# an expectation the speaker denies, before the action it governs: "should not expect further cuts",
# "do not count on new sanctions", "nobody should bank on an early exit"
_DENIED_EXPECTATION = re.compile(
    r"\b(?:(?:should|do|does|must|will|can) not|shouldn't|don't|doesn't|cannot|can't|mustn't|won't|nobody should|no one should)"
    r"\s+(?:\w+\s+)?(?:expect|count on|bank on|assume|anticipate|hold (?:their|your|our) breath for)\b(?![^,;]*\bthat\b)",
    re.IGNORECASE)
# a modal support word and what may stand between it and the verb it governs: "will fight",
# "would only hurt", "are going to simply reject"
_MODAL = re.compile(r"will|shall|would|should|must|going to", re.IGNORECASE)
_PLAIN_FUTURE = re.compile(r"will|shall|going to", re.IGNORECASE)
# what happens to someone rather than what they do: "the bank will receive data", "time will tell"
_NON_VOLITIONAL = re.compile(r"\s+(?:\w+ly\s+)?(?:be\s+\w+(?:ed|en)\b|receive|show|learn|hear|know|seem|appear|become|prove|tell|"
                             r"bring|get|see|face|need|depend|turn\s+out)\b", re.IGNORECASE)
_AUXILIARY_GAP = re.compile(r"\s+(?:(?:also|only|simply|just|then|now|still|certainly|surely|be|have)\s+)*", re.IGNORECASE)
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
            keywords = []
            for k in t.keywords:
                base = _simplify(k)
                for form in _number_forms(base):
                    keywords.append(form)
                    if base in directed:  # "spending cut" points the way "spending cuts" does
                        directed.setdefault(form, directed[base])
            keywords = list(dict.fromkeys(keywords))
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
        # a topic's anchors: names that place an article in its story ("Ukraine", "Kyiv"); see `article_topics`
        self.anchors = {t.slug: tuple(t.anchors) for t in topics if t.anchors}
        # topics whose title or proposition names one of their anchors are about that place or party
        # ("Military aid to Ukraine", "Sanctions on Russia"): an article naming none of them is not
        self.bound = frozenset(t.slug for t in topics if any(
            _occurs(a.lower(), f"{t.title} {t.proposition}".lower()) for a in t.anchors))
        self._last_anchored: tuple[str, dict[str, int]] | None = None
        self._anchor_names = frozenset(name for names in self.anchors.values() for name in names)
        self._last_named: tuple[str, frozenset[str]] | None = None  # (article, the anchors it names)
        # A phrase can only match where the text has a word equal to the phrase's first word:
        # index the phrases by that word and look only at those (see `_candidates`).
        self._phrase_index = _LeadIndex([self._keys[p] for p, _s, _a in self.phrases])
        self._weak_index = _LeadIndex([self._keys[p] for p, _s, _a in self.weak])
        self._related_index = _LeadIndex([self._keys[p] for p, _s in self.related])
        # per topic, the things its proposition wants more of (+1) or less of (-1): see `action`
        self.amounts: dict[str, tuple[re.Pattern[str], dict[str, int], tuple[str, ...]]] = {}
        for t in topics:
            signs: dict[str, int] = {}
            for noun, sign in [(n, 1) for n in t.more] + [(n, -1) for n in t.less]:
                base = " ".join(noun.lower().replace("-", " ").split())
                signs.setdefault(base, sign)
                single = _singular(base)
                if single:  # "a single plant" is one of the "plants"
                    signs.setdefault(single, sign)
            if signs:
                alts = sorted((re.escape(n).replace(r"\ ", r"\s+") for n in signs), key=len, reverse=True)
                stems = tuple(dict.fromkeys(next(w for w in n.split() if w not in ("the", "a", "an"))[:5]
                                            for n in signs))
                self.amounts[t.slug] = (re.compile(rf"(?<![\w'])(?:{_dispatch(alts)})(?:e?s)?(?![\w])"), signs, stems)
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

    def action(self, clause: str, slug: str, lexicon: Lexicon) -> tuple[int, int, int, tuple] | None:
        """(direction, start, end, all action spans) of the first action on one of the topic's `more`/`less` things
        in `clause` (raw positions), or None; see `action_direction`."""
        amounts = self.amounts.get(slug)
        if amounts is None or lexicon.actions is None:
            return None
        low = clause.lower()
        if not any(stem in low for stem in amounts[2]):
            return None  # none of the topic's things is named: the common case, decided cheaply
        return action_direction(clause, amounts[0], amounts[1], lexicon)

    def clear_caches(self) -> None:
        self._fuzzy.clear()
        self._last_article = None
        self._last_anchored = None
        self._last_named = None

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
        """Topics the article as a whole is about: any strong keyword anywhere in it, or one of the
        topic's anchors ("Ukraine", "Moscow") together with at least two of its related words
        ("talks", "the plan", "delegation"): reports often never use the keyword itself ("talks on a
        U.S.-drafted plan to end the war")."""
        found = {span[2] for span in self._article_spans(text)}
        return found | {slug for slug, n in self._anchored(text, found).items() if n >= 2}

    def unanchored(self, text: str) -> frozenset[str]:
        """Topics about one place or party ("military aid to Ukraine") that an article naming none of
        their anchors cannot be about: "weapons" in a story on Japan's defence build-up is no aid to Ukraine."""
        named = self._named_anchors(text)
        return frozenset(slug for slug in self.bound if named.isdisjoint(self.anchors.get(slug, ())))

    def _named_anchors(self, text: str) -> frozenset[str]:
        """The anchors an article names, found once per article (`unanchored` and `_anchored` both ask)."""
        if self._last_named is None or self._last_named[0] != text:
            self._last_named = (text, frozenset(name for name in self._anchor_names if name in text and _occurs(name, text)))
        return self._last_named[1]

    def anchored_in(self, text: str, slug: str) -> bool:
        """Whether `text` names one of the topic's anchors ("Ukraine" for troops deployment)."""
        # case kept: "Kyiv", not "kyiv"; the substring test first spares most word-boundary checks
        return any(name in text and _occurs(name, text) for name in self.anchors.get(slug, ()))

    def _anchored(self, text: str, found: set[str]) -> dict[str, int]:
        """Related-word counts of the topics not in `found` whose anchors the article names
        (computed once per article: `article_topics` and `focus` both ask)."""
        if self._last_anchored is None or self._last_anchored[0] != text:
            out: dict[str, int] = {}
            simple = related = None
            named = self._named_anchors(text)
            for slug, names in self.anchors.items():
                if named.isdisjoint(names):
                    continue
                if related is None:
                    simple = _simplify(text)
                    related = [self.related[i] for i in self._related_index.candidates(_words(simple))]
                out[slug] = sum(len(_occurs(self._keys[p], simple)) for p, s in related if s == slug)
            self._last_anchored = (text, out)
        return {slug: n for slug, n in self._last_anchored[1].items() if slug not in found}

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
            key = self._keys[pattern]
            if key in simple:  # most candidates share only their first word with the text
                spans.extend((a, b, slug, against) for a, b in _occurs(key, simple))
        return spans

    def focus(self, text: str, headline: str = "") -> str | None:
        """The one topic an article is clearly about, or None.

        Every keyword occurrence counts once (a headline occurrence twice, since headlines name
        the story). The leader must have at least three points and twice the runner-up: then an
        official's statement with no topic word of its own ("We have a deal") is read as being
        about that story, as a reader would. A short article that names one registry topic and no
        other, in its first LEAD_CHARS characters (headline and lead), is about that topic too."""
        counts: dict[str, float] = {}
        for part, weight in ((text, 1), (headline, 1)):
            for slug, n in self._occurrences(part, part is text).items():
                counts[slug] = counts.get(slug, 0) + weight * n
        # a story told without its keywords ("talks on a plan to end the war" in Geneva) still counts,
        # at half weight, through its related words when the article names the topic's anchors
        for slug, n in self._anchored(text, set(counts)).items():
            if n >= 2:
                counts[slug] = n / 2
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, score = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if score >= 3 and score >= 2 * second:
            return top
        # the only registry topic a short article names, named in its headline or lead, is its story
        if not second and any(span[0] < LEAD_CHARS and span[2] == top for span in self._article_spans(text)):
            return top
        return None

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

    def find(self, text: str, fuzzy: bool = True, context: set[str] | None = None,
             absent: frozenset[str] = frozenset()) -> list[tuple[str, bool, int, int]]:
        """(slug, against, start, end) for each topic phrase in `text` (positions in simplified text).

        A phrase inside a longer phrase of another topic does not count: "EU membership" is about
        enlargement, and its "membership" is not a second hit for another topic's "membership".
        `absent`: topics that cannot be meant (see `unanchored`), skipped."""
        simple = _simplify(text)
        words = _words(simple)
        spans = self._phrase_spans(simple, words)
        strong = {span[2] for span in spans}
        for i in self._weak_index.candidates(words) if context else ():
            pattern, slug, against = self.weak[i]
            # a weak term of another story beside a keyword is a circumstance, not a second topic:
            # "ready to contribute troops once a ceasefire is agreed" is about the troops
            key = self._keys[pattern]
            if slug in context and (not strong or slug in strong) and key in simple:
                spans.extend((a, b, slug, against) for a, b in _occurs(key, simple))
        hits: dict[str, tuple[str, bool, int, int]] = {}
        for a, b, slug, against in _outermost(spans):
            if slug in absent:
                continue
            old = hits.get(slug)
            # the longer (more specific) phrase decides direction
            if old is None or (b - a) > (old[3] - old[2]):
                hits[slug] = (slug, against, a, b)
        if fuzzy and self._single_keys:
            for w in _LONG_WORD.finditer(simple):  # the words of 6 characters or more
                token = w.group(0)
                hit = self._fuzzy_single(token)
                if hit and hit[0] != token:
                    slug, against = self.single[hit[0]]
                    if slug not in absent:
                        hits.setdefault(slug, (slug, against, w.start(), w.end()))
        return list(hits.values())


LEAD_CHARS = 600  # headline, standfirst and first paragraph: where a story names its subject
_RUN = re.compile(r"\w+")
# last words whose final "s" is not a plural ending ("greenhouse gas", "paris", "bus")
_NOT_PLURAL = ("ss", "us", "is", "as", "os", "ics")


def _singular(noun: str) -> str | None:
    """The singular of a plural thing ("coal plants" -> "coal plant"), or None when the last word
    is no plain plural or, standing alone, its singular is a short word of another sense ("mines" -> "mine")."""
    head, _, last = noun.rpartition(" ")
    # a qualified head has one sense: "coal units" -> "coal unit", while a bare "mines" stays plural
    if not last.endswith("s") or last.endswith(_NOT_PLURAL) or len(last) < (4 if head else 6):
        return None
    one = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return f"{head} {one}" if head else one


def _number_forms(key: str) -> tuple[str, ...]:
    """A multi-word keyword and its other grammatical number: "climate goals" also matches "climate
    goal", "coal plant" also "coal plants" (single words get this from the fuzzy match)."""
    if " " not in key or not key[-1].isalpha():
        return (key,)
    last = key.rsplit(" ", 1)[1]
    if len(last) < 4:
        return (key,)
    if last.endswith("ies"):
        return key, key[:-3] + "y"
    if last.endswith("s") and not last.endswith(_NOT_PLURAL):
        return key, key[:-1]
    if last.endswith(("s", "x", "ch", "sh")):
        return key, key + "es"
    if last.endswith("y") and last[-2] not in "aeiou":
        return key, key[:-1] + "ies"
    return key, key + "s"

# -- action direction ------------------------------------------------------------------------------
# "cut rates", "coal plants will run", "checks would be scaled back": a verb class of
# data/actions.toml (+1 raise/keep, -1 cut/stop) times the thing's sign in the topic (`more` +1,
# `less` -1), flipped by a negator ("will not close"). Composed verbs multiply ("stop imposing").
_TOKEN = re.compile(r"[\w']+|[^\w\s]")
_SPAN = re.Match.span
_BE = frozenset("be been being is are was were get gets got getting".split())
_DETERMINERS = frozenset("the a an its their our his her this these those any no every each".split())
_NEGATORS = frozenset("not no never nor neither cannot without".split())
_SUBJECT_PP = frozenset("on at in of from for along across with to".split())
_AUXILIARIES = frozenset("will would shall should can could must may might is are was were has have had".split())
_QUALIFIER = re.compile(r"\s+(?:of|for|on|to|from)\s+(?:[\w'-]+\s+)?")
_CONDITIONAL = frozenset("if unless whether".split())
_POSSIBLE = frozenset("could might may".split())
# a gerund after one of these is named, not done: "a new date for closing the plants"
_NOMINAL = frozenset("for of on about over".split())
# words between a verb and its object that end the search: the noun is not that verb's object
_GAP_STOP = frozenset(
    "about against with on over for from that which who whom whose because if when while than and or but as into "
    "onto at by after before since until unless whether in amid despite".split())
# words between a subject and its verb that end the search
_FORWARD_STOP = frozenset("that which who whom whose because if when while than and or but as unless whether".split())
# words before a verb that neither negate nor end it ("will not immediately cut", "not ready to cut")
# words that may stand between a verb and its object without limit ("close the last two coal units",
# "tender up to 20 gigawatts of"); any other word is allowed once ("impose steep tariffs")
_GAP_FREE = frozenset(
    "the a an its their our his her this these those all any some every each up to of remaining last first "
    "existing current planned proposed another its two three four five several".split())
# after a verb these make it a noun or a different verb ("an end to", "the cut of")
_NOT_OBJECT = frozenset("to of".split())
# a verb used without an object: what may follow it ("rates will fall to 3%", "coal will run for years")
_INTRANS_FOLLOW = frozenset(
    "to for by in on at from until as and or but if when while with after before over further soon again "
    "below above beyond anyway too also only still more less much this next".split())
# "close that year", "end every spring": a determiner and a time noun after a verb are no object
_TIME_DETERMINERS = frozenset("that this next last every each the same".split())
_TIME_NOUNS = frozenset("year years month months week weeks day days decade summer winter spring autumn quarter time".split())
_SKIP_BACK = frozenset(
    "to be will would shall can could should must may might do does did have has had been also immediately yet "
    "still ever then now further swiftly quickly gradually eventually fully finally going want wants plan plans "
    "planned intend intends seek seeks aim aims ready prepared able try tries longer simply just even only "
    "we i they he she it you government".split())


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("\u2019", "'").replace("-", " ")


def _negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def action_direction(clause: str, nouns: re.Pattern[str], signs: dict[str, int],
                     lexicon: Lexicon) -> tuple[int, int, int, tuple[tuple[int, int], ...]] | None:
    """(direction, start, end, every action's span) of the earliest verb-thing pair in `clause`: +1 when it moves the
    topic's way ("cut rates" for cutting rates, "sanctions will stay"), -1 against ("coal plants
    will run", "lift the tariffs", "the target is no longer realistic"); None when no thing of the
    topic is acted on. Positions are offsets in `clause`."""
    low = _lower_same_length(clause)
    found = list(nouns.finditer(low))
    if not found:
        return None
    actions = lexicon.actions
    assert actions is not None
    # only the words around the things matter: a verb is at most a few words away
    lo = low.rfind(" ", 0, max(0, found[0].start() - 90)) + 1
    hi = low.find(" ", found[-1].end() + 90)
    tokens = [(a, b, low[a:b]) for a, b in map(_SPAN, _TOKEN.finditer(low, lo, len(low) if hi < 0 else hi))]
    at_start = {t[0]: i for i, t in enumerate(tokens)}
    at_end = {t[1]: i for i, t in enumerate(tokens)}

    noun_tokens = set()
    for m in found:
        n0, n1 = at_start.get(m.start()), at_end.get(m.end())
        if n0 is not None and n1 is not None:
            noun_tokens.update(range(n0, n1 + 1))
    verbs = _Verbs(low, tokens, at_end, noun_tokens)
    verb_by_last = _Lookup(lambda k: verbs.ending(actions.transitive, actions.modifiers, actions.tails, k))
    verb_by_first = _Lookup(lambda k: verbs.starting(actions.transitive, k, True))
    intrans_by_first = _Lookup(lambda k: verbs.starting(actions.intransitive, k, True))
    # "Asked whether the bank would cut rates, she said ...": the reporter's question acts on nothing
    asked = _ASKED.match(low)
    skip = asked.end() if asked else 0

    starts = {at_start.get(m.start()) for m in found}
    spans_found: list[tuple[int, int]] = []
    best: tuple[int, int, int] | None = None
    for m in found:
        n0, n1 = at_start.get(m.start()), at_end.get(m.end())
        if n0 is None or n1 is None or n1 + 1 in starts:
            continue  # "coal closure date": the first thing only qualifies the next
        text = " ".join(m.group(0).split())
        sign = signs.get(text) or signs.get(text[:-1]) or signs.get(text[:-2])
        if not sign:
            continue
        hit = _verb_before(tokens, n0, n1, verb_by_last, actions.results or {}) or _verb_after(
            tokens, n1, intrans_by_first, verb_by_first, actions.caps)
        if hit is None:
            continue
        direction, v, v_last = hit
        if tokens[v][0] < skip or _BACKGROUND.search(low[max(0, tokens[v][0] - 40):tokens[v][0]]):
            continue  # in the question, or history: "since the bank began raising rates"
        start = min(tokens[v][0], m.start())
        end = max(tokens[v_last][1], m.end())
        spans_found.append((start, end))
        if best is None or start < best[1]:
            best = (direction * sign, start, end)
    if best is None:
        return None
    return best[0], best[1], best[2], tuple(spans_found)


class _Lookup:
    """A dict-like `get` over a function, computed once per key."""

    __slots__ = ("fn", "memo")

    def __init__(self, fn):
        self.fn = fn
        self.memo: dict = {}

    def get(self, key):
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = self.fn(key)
            return value


class _Verbs:
    """Verb-class matches of one clause, tried only at the token positions the search visits
    (anchored matches: far cheaper than scanning every clause with every class)."""

    def __init__(self, low: str, tokens: list, at_end: dict, noun_tokens: set):
        self.low, self.tokens, self.at_end, self.noun_tokens = low, tokens, at_end, noun_tokens

    def starting(self, classes: tuple, k: int, as_verb: bool) -> tuple[int, int] | None:
        """(last token, sign) of the longest match of `classes` starting at token k."""
        if k < 0 or k >= len(self.tokens):
            return None
        if as_verb and (k in self.noun_tokens or k > 0 and self.tokens[k - 1][2] in _DETERMINERS):
            return None  # "the ban", "a cut", "humanitarian pauses": a noun, not a verb
        word = self.tokens[k][2]
        best = None
        for pattern, sign, words in classes:
            if words is not None and word not in words:
                continue
            m = pattern.match(self.low, self.tokens[k][0])
            if m is not None:
                last = self.at_end.get(m.end())
                if last is not None and (best is None or last > best[0]):
                    best = (last, sign)
        return best

    def ending(self, transitive: tuple, modifiers: tuple, tails: frozenset, k: int) -> tuple[int, int, bool] | None:
        """(first token, sign, is_modifier) of a verb or quantity word whose last token is k."""
        if k < 0:
            return None
        for first in range(max(0, k - 3) if self.tokens[k][2] in tails else k, k + 1):
            hit = self.starting(transitive, first, True)
            if hit is not None and hit[0] == k:
                return first, hit[1], False
        hit = self.starting(modifiers, k, False)
        if hit is not None and hit[0] == k:
            return k, hit[1], True
        return None


def _verb_before(tokens: list, n0: int, n1: int, verb_by_last: dict, results: dict[str, int],
                 ) -> tuple[int, int, int] | None:
    """(sign, first token of the governing verb chain, verb token) of a verb a few words before
    the thing. A state word right after the thing says where the verb leaves it: "keep rates low"
    lowers them, "bring rates down" too."""
    j, gap, free = n0 - 1, 0, 0
    none = False  # "will impose no counter-tariffs": the object's "no" denies the act
    while j >= 0 and gap <= 6:
        hit = verb_by_last.get(j)
        if hit is not None:
            first, sign, modifier = hit
            if modifier and gap > 2 or not modifier and j + 1 < n0 and tokens[j + 1][2] in _NOT_OBJECT:
                return None
            if not modifier and n1 + 1 < len(tokens):
                sign = results.get(tokens[n1 + 1][2], sign)
            if none and not modifier:
                sign = -sign
            return _chain_back(tokens, first, sign, verb_by_last)
        word = tokens[j][2]
        none = none or word == "no"
        if not (word[0].isalnum() or word[0] == "_") or word in _GAP_STOP:
            return None
        if word not in _GAP_FREE and not word[0].isdigit():
            free += 1
            if free > 1:
                return None
        gap += 1
        j -= 1
    return None


def _chain_back(tokens: list, first: int, sign: int, verb_by_last: dict) -> tuple[int, int, int] | None:
    """Negators and governing verbs before a verb: "will not cut" flips, "stop imposing" multiplies."""
    last = first
    k, steps = first - 1, 0
    while k >= 0 and steps < 5:
        hit = verb_by_last.get(k)
        if hit is not None and not hit[2]:
            sign *= hit[1]
            first = hit[0]
            k, steps = first - 1, 0
            continue
        word = tokens[k][2]
        if word in ("whether", "if"):
            return None  # "whether to cut rates": a question, not an action
        if word in _NOMINAL and steps == 0 and tokens[first][2].endswith("ing"):
            return None
        if _negator(word):
            sign = -sign
        elif word not in _SKIP_BACK:
            break
        k -= 1
        steps += 1
    # a condition or a mere possibility is no action taken: "if Washington goes ahead with
    # tariffs", "the government could ease the rules"
    before = [t[2] for t in tokens[max(0, first - 4):first]]
    if any(w in _CONDITIONAL for w in before) or any(w in _POSSIBLE for w in before[-2:]):
        return None
    return sign, first, last


def _last_is_object(tokens: list, last: int) -> bool:
    """True when the word after a verb looks like the start of its object."""
    if last + 1 >= len(tokens):
        return False
    word = tokens[last + 1][2]
    if word in _TIME_DETERMINERS and last + 2 < len(tokens) and tokens[last + 2][2] in _TIME_NOUNS:
        return False  # "the last unit would close that year": a time, not an object
    return (word[0].isalnum() or word[0] == "_") and word not in _INTRANS_FOLLOW and not word.endswith("ly")


def _verb_after(tokens: list, n1: int, intrans_by_first: dict, verb_by_first: dict,
                caps: frozenset[str] = frozenset()) -> tuple[int, int, int] | None:
    """(sign, verb token) of an intransitive or passive verb a few words after the thing (its subject).
    A verb of staying followed by a ceiling (`caps`: "will stay below 3%") holds the thing down."""
    if any(t[2] in _CONDITIONAL for t in tokens[max(0, n1 - 6):n1]):
        return None  # "if the tariffs stay"
    k, gap, sign, passive, free = n1 + 1, 0, 1, False, 0
    if k < len(tokens) and tokens[k][2] in _SUBJECT_PP:
        # "the checks on the French and Dutch borders would be ...": skip a phrase that qualifies
        # the subject, up to the auxiliary that starts its verb
        for j in range(k + 1, min(len(tokens), k + 9)):
            word = tokens[j][2]
            if not (word[0].isalnum() or word[0] == "_") or (word in _FORWARD_STOP and word not in ("and", "or")):
                break
            if word in _AUXILIARIES:
                k = j
                break
    while k < len(tokens) and gap <= 5:
        trans = verb_by_first.get(k)
        if passive and trans is not None:
            return sign * trans[1], k, trans[0]
        intrans = intrans_by_first.get(k)
        if intrans is not None and trans is not None and _last_is_object(tokens, intrans[0]):
            return None  # "the deal can end the war": the verb has an object, the thing is its subject
        if intrans is not None:
            last, s = intrans
            nxt = intrans_by_first.get(last + 1)  # "will keep falling", "stop rising"
            if nxt is not None and tokens[last + 1][2].endswith("ing"):
                s *= nxt[1]
                last = nxt[0]
            elif s > 0 and last + 2 < len(tokens) and tokens[last + 1][2] in caps and (
                    tokens[last + 2][2][0].isdigit() or tokens[last + 2][2] in _DETERMINERS):
                s = -1  # "the deficit will stay below the ceiling", not "remain under review"
            return sign * s, k, last
        if trans is not None:
            return None  # the thing is the subject of a transitive verb ("tariffs hurt exporters")
        word = tokens[k][2]
        if not (word[0].isalnum() or word[0] == "_") or word in _FORWARD_STOP:
            return None
        if word in _POSSIBLE:
            return None  # "rates could fall": a possibility
        if _negator(word):
            sign = -sign
        elif not (word in _SKIP_BACK or word in _BE or word in _GAP_FREE or word.endswith("ly") or word[0].isdigit()):
            free += 1  # "checks at the border would be": a short phrase may sit between thing and verb
            if free > 2:
                return None
        if word in _BE:
            passive = True
        elif not word.endswith("ly") and word not in _SKIP_BACK and not _negator(word):
            passive = False
        gap += 1
        k += 1
    return None


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


_WORDS: dict[str, set[str]] = {}


def forget_texts() -> None:
    """Drop the words and simplified forms kept for the last texts (see Engine._forget_texts)."""
    _WORDS.clear()
    _SIMPLE.clear()


def _words(simple: str) -> set[str]:
    """The words of a simplified text (shared: not to be changed); a statement's are asked for several times."""
    words = _WORDS.get(simple)
    if words is None:
        if len(_WORDS) > 256:
            _WORDS.clear()
        words = _WORDS[simple] = set(word_runs(simple).findall(simple))  # a simplified text is lower case
    return words


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


_SIMPLE: dict[str, str] = {}


def _simplify(text: str) -> str:
    """Lower case, straight apostrophes, hyphens as spaces: same length is not needed here.
    A statement's text and clauses are simplified several times: the last few are kept."""
    simple = _SIMPLE.get(text)
    if simple is None:
        if len(_SIMPLE) > 256:
            _SIMPLE.clear()
        simple = _SIMPLE[text] = _collapse(text.lower().replace("\u2019", "'").replace("-", " "))
    return simple


def _collapse(text: str) -> str:
    """`re.sub(r"\\s+", " ", text)`: every run of spaces one space (str.split splits at exactly `\\s`)."""
    words = text.split()
    if not words:
        return " " if text else ""
    out = " ".join(words)
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out += " "
    return out


def cue_hits(text: str, lexicon: Lexicon, has_topic: bool, memo: dict | None = None) -> list[CueHit]:
    """Every cue table's matches in `text`; `memo` (one dict per statement) reuses the result
    when a clause is the whole statement or several topics share a clause."""
    if memo is not None:
        key = (text, has_topic)
        hit = memo.get(key)
        if hit is None:
            whole = memo.get(("", has_topic))  # the statement's own text, when this is one of its clauses
            at = whole[0].find(text) if whole is not None and text != whole[0] else -1
            if at >= 0:
                # a clause's cues are the statement's cues that lie inside it: no second scan
                end = at + len(text)
                hit = memo[key] = [CueHit(h.table, h.text, h.start - at) for h in cue_hits(whole[0], lexicon, has_topic, memo)
                                   if at <= h.start and h.start + len(h.text) <= end]
            else:
                hit = memo[key] = cue_hits(text, lexicon, has_topic)
        return list(hit)
    hits = []
    first_person = has_topic or bool(FIRST_PERSON.search(text))
    low = None
    # where each table can match: the offsets of the words its matches start with (see heads.py)
    where = starts(text, lexicon.cue_index)
    for number, table in enumerate(lexicon.cues):
        if table.needs_topic and not (has_topic or first_person):
            continue
        if table.heads is not None:
            offsets = where.get(number)
            if not offsets:
                continue
            found = matches(table.pattern, text, offsets)
        else:
            if table.requires:
                if low is None:
                    low = text.lower()
                for literal in table.requires:  # `in` per literal beats one regex alternation here
                    if literal in low:
                        break
                else:
                    continue
            found = table.pattern.finditer(text)
        for m in found:
            if table.needs_actor and not (m.group(0).startswith("'") or _actor_before(text, m.start())):
                continue
            if table.kind == "commitment" and table.subtype in ("pledge", "agreement") and table.name != "future" \
                    and _DENIED_COMMITMENT.search(text, max(0, m.start() - 30), m.start()):
                continue  # "I never promised a number", "we have not agreed to it": a commitment denied is none
            if table.kind in ("commitment", "deflection") and _OTHERS_CUE.search(text, max(0, m.start() - 50), m.start()):
                continue  # "a ceasefire demand Moscow has repeatedly ruled out": the named other's act, not the speaker's
            if table.subtype == "agreement" and any(v.start() <= m.start() < v.end() for v in counted_votes(text)):
                continue  # a tally of others' votes, no agreement of the speaker's: "five capitals had backed the plan"
            if table.kind == "commitment" and _impersonal_future(text, m):
                continue  # "inflation will fall", "the trend would continue": a forecast
            if table.kind == "commitment" and table.subtype != "refusal" and _EMBEDDED_QUESTION.search(text, 0, m.start()):
                continue  # "nobody knows what Moscow is going to propose": a question, not a promise
            hits.append(CueHit(table, m.group(0), m.start()))
    if any(h.table.subtype == "refusal" for h in hits):
        hits = _time_bound_refusals(text, hits, lexicon)
    return hits


# a relative clause whose subject is someone named: "which Moscow has rejected", "a demand Moscow has ruled out"
_NAMED_SUBJECT = (r"(?:\b(?:which|whom)|\b(?:a|an|the)\s+[a-z]+)\s+(?-i:[A-Z])[\w-]+(?:\s+(?-i:[A-Z])[\w-]+)?\s+"
                  r"(?:has|had|have)\s+")
_OTHERS_CLAUSE = re.compile(rf"{_NAMED_SUBJECT}(?:\w+ly\s+)?$")
# for commitment and deflection cues also "the broader levies it has promised", and a relative clause
# about a person ("the minister, who promised in February to ..."): background to what the sentence
# reports, not its commitment (for stance such a clause still shows a side: "who voted against the ban")
_OTHERS_CUE = re.compile(
    rf"(?:{_NAMED_SUBJECT}"
    r"|(?:\b(?:which|whom)|\b(?:a|an|the)(?:\s+[a-z][\w-]*){1,3})\s+(?:it|they)\s+(?:(?:has|had|have)\s+)?"
    r"|\bwho\s+(?:(?:has|had|have)\s+)?)(?:\w+ly\s+)?$")
# a negator just before a verb of promising or agreeing: "never promised", "did not agree to", "hasn't backed"
_DENIED_COMMITMENT = re.compile(r"(?:\b(?:never|not|cannot|no\s+longer)|n['\u2019]t)\s+(?:\w+\s+)?$", re.IGNORECASE)


# a refusal bounded in time puts the thing off rather than ruling it out: "not on the agenda for
# now", "we will not raise rates at this stage", "there will be no retaliation for the time being"
_TIME_BOUND = re.compile(
    r"[^.;:!?]{0,40}?\b(?:for now|for the time being|for the moment|at this (?:stage|point|time)|at the moment"
    r"|at present|for the present)\b", re.IGNORECASE)
_DEFERRED: dict[int, object] = {}


# a wh- or whether-clause running up to the cue: "what Moscow is going to", "whether the bank will"
_EMBEDDED_QUESTION = re.compile(
    r"(?:\bwhether|\b(?:know|knows|knew|ask|asks|asked|unclear|sure|certain|decide|decided|wonder|wondering|see)"
    r"\s+(?:what|how|when|why|where|if))\s+(?:[^\W\d][\w'\u2019-]*\s+){1,3}$", re.IGNORECASE)


def _time_bound_refusals(text: str, hits: list[CueHit], lexicon: Lexicon) -> list[CueHit]:
    deferred = _DEFERRED.get(id(lexicon))
    if deferred is None:
        deferred = _DEFERRED[id(lexicon)] = next(
            (t for t in lexicon.cues if t.kind == "deflection" and t.subtype == "deferred" and t.decides), False)
    if not deferred:
        return hits
    out = []
    for h in hits:
        end = h.start + len(h.text)
        m = _TIME_BOUND.match(text, end) if h.table.subtype == "refusal" else None
        out.append(CueHit(deferred, text[h.start:m.end()], h.start) if m else h)
    return out


def decide_kind(hits: list[CueHit]) -> tuple[str, str]:
    """The highest-priority cue decides; a table with `decides = false` (bare modals such as
    "could") only marks the statement as weakened and never makes it a deflection by itself."""
    hits = [h for h in hits if h.table.decides]
    if any(h.table.condition for h in hits) and any(h.table.kind == "commitment" and not h.table.needs_topic for h in hits):
        # a conditioned commitment keeps its kind, only weakened: "we will keep cutting as long as
        # inflation falls"; a conditioned plain future is a forecast ("rates will fall if inflation eases")
        hits = [h for h in hits if not h.table.condition]
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
                       narration: str = "", absent: frozenset[str] = frozenset(), others: frozenset[str] = frozenset()
                       ) -> tuple[str, str, tuple[str, ...], tuple[TopicStance, ...]]:
    """Kind, subtype, cues and per-topic stances of one statement's text.

    Topics come from the statement's own keywords; failing those, from weaker `related` words of a
    topic the article is about (`context`); failing those, from `inherited`: the previous sentence
    of the same speaker when this one continues it ("It will take time"); failing that, the
    article's `focus` topic, the one story it clearly tells. `reported` (indirect speech) reads a
    backshifted `would` as `will`; cues are still quoted from the original words. `narration` is
    the rest of a reported sentence, outside the speaker's part ("The bank cut rates, but the governor
    warned against ..."): a topic it names is the statement's topic too, but kind and stance are read
    from `text`, the speaker's part, alone."""
    original = text
    where: list[int] | None = None
    if reported:
        text, where = backshift(text) if "would" in text.lower() else (text, None)
        if text == original:
            where = None
    found = matcher.find(text, context=context, absent=absent)
    framed: list[str] = []  # topics named only in the narration around the speaker's part
    if narration:
        own = {f[0] for f in found}
        framed = [f[0] for f in matcher.find(narration, context=context, absent=absent) if f[0] not in own]
    if not found and framed:
        inherited, framed = tuple(framed), []
    elif not found and context:
        related = matcher.related_in(text, context)
        if focus and related:
            # in an article clearly about one story, a context word of another topic ("transition"
            # in a climate-target story) does not take the sentence away from it: only a keyword does,
            # or a context word beside the other topic's own anchor ("send soldiers to Ukraine")
            related = [slug for slug in related if slug == focus or matcher.anchored_in(text, slug)]
        if related:
            inherited = tuple(related)
    if not found and not inherited and focus:
        inherited = (focus,)
    memo: dict = {("", True): (text,), ("", False): (text,)}
    hits = cue_hits(text, lexicon, bool(found or inherited), memo)
    if others:
        # "Putin will not end this war", said by someone else: another person's commitment is a claim about them
        hits = [h for h in hits if not (h.table.kind == "commitment" and _subject_of(text, h) in others)]
        memo[(text, bool(found or inherited))] = hits
    kind, subtype = decide_kind(hits)
    ordered = sorted(hits, key=lambda h: -h.table.priority)
    if where is not None:
        cues = tuple(dict.fromkeys(original[where[h.start]:where[h.start + len(h.text) - 1] + 1] for h in ordered))
    else:
        cues = tuple(dict.fromkeys(h.text for h in ordered))
    clauses = _clauses(text)
    stances = []
    # a statement that as a whole deflects takes no side on its topics, except a topic it pivots to
    # in a clause of its own ("refrained from commenting on X, instead emphasising that Y must ...");
    # a pivot takes no side on a topic it does not name (the one it turns away from)
    deflects = kind == "deflection" and subtype in ("declined", "deferred", "hedged") and len(clauses) == 1
    if found:
        simple = _simplify(text)
        for slug, against, start, _end in found:
            clause = _clause_at(clauses, simple, start)
            if len(clauses) > 1:
                # "inflation has eased, which is welcome, but it remains well above our goal": a
                # later "but" clause that points a way for the topic carries the point
                later = clauses[clauses.index(clause) + 1:]
                turn = [c for c in later if _CONTRAST.match(c) and matcher.direction(c, slug)]
                if turn:
                    clause = turn[-1]
            stances.append(_topic_stance(slug, clause, against, lexicon, matcher, memo, named=True, deflects=deflects))
        for slug in framed:
            stances.append(_topic_stance(slug, text, False, lexicon, matcher, memo, deflects=deflects))
    else:
        for slug in inherited:
            # after a contrast ("eased, which is welcome, but it remains well above target") the
            # last clause that points a way for the topic carries the point
            pointing = [c for c in clauses if matcher.direction(c, slug)] if len(clauses) > 1 else []
            stances.append(_topic_stance(slug, pointing[-1] if pointing else text, False, lexicon, matcher, memo,
                                         deflects=deflects or (kind, subtype) == ("deflection", "pivoted")))
    if kind == "deflection" and subtype in ("declined", "deferred", "hedged"):
        stances = [t if t.kind == "deflection" and t.subtype == "pivoted" else
                   TopicStance(t.slug, "neutral", t.kind, t.subtype, t.weakened) for t in stances]
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
                  memo: dict | None = None, named: bool = False, deflects: bool = False) -> TopicStance:
    """Stance = the clause's evaluative polarity times the direction of the topic phrase.

    A direction-bearing phrase ("rate cuts" +1, "rate hike" -1, see `TopicMatcher.direction`)
    that the clause asserts without any evaluative cue still shows where the speaker stands
    ("we can begin lowering rates" supports cutting); negated ("no rate cuts") it points the other
    way. A plain keyword ("interest rates") takes only the clause's polarity. `against` (the matched
    phrase's direction) is not used: the clause itself is re-read for its direction-bearing phrase."""
    hits = cue_hits(clause, lexicon, True, memo)
    kind, subtype = decide_kind(hits)
    weak = any(h.table.subtype == "hedged" for h in hits) or bool(re.search(r"no longer", clause, re.I))
    if deflects or kind == "deflection" and subtype in ("declined", "deferred", "hedged"):
        # a deflection takes no side: "it will depend on the data", "too early to say"
        return TopicStance(slug, "neutral", kind, subtype, weak)
    if next(counted_votes(clause), None):
        # how others voted, reported as a tally, is no side taken by the speaker: "one member of the
        # council had not supported the decision", "at least five capitals backed the proposal"
        return TopicStance(slug, "neutral", kind, subtype, weak)
    action = matcher.action(clause, slug, lexicon)
    if action is not None:
        # an action on one of the topic's things decides the sign, whatever cue commits to it:
        # "coal plants will run" opposes a phase-out however firmly it is said. Evaluative words
        # outside the action may still turn it round ("scrapping the tariffs would be a mistake").
        polarity = action[0] * _evaluation(clause, lexicon, action[3])
        if _DISPREFERRED.search(clause[max(0, action[1] - 30):action[1]]):
            polarity = -polarity  # "rather than cut rates"
        if _DENIED_EXPECTATION.search(clause, 0, action[1]) or _RAISED_NEGATION.search(clause, 0, action[1]):
            # "households should not expect further cuts", "we don't think new tariffs would help":
            # the speaker denies the move
            polarity = -polarity
    else:
        polarity = _cue_polarity(slug, clause, hits, lexicon, matcher, named)
    if kind == "deflection" and subtype in ("declined", "deferred", "hedged"):
        polarity = 0  # a deflection takes no side: "it will depend on the data", "too early to say"
    stance = {1: "support", -1: "oppose", 0: "neutral"}[polarity]
    return TopicStance(slug, stance, kind, subtype, weak)


# a demonstrative's copula or a verb of naming right before a phrase: the phrase is what the thing
# under discussion is called ("this is deregulation", "it amounts to protectionism")
_LABELLED_AS = re.compile(
    r"(?:\b(?:this|that|it|which)\s+(?:is|was|would\s+be|will\s+be)|\b(?:this|that|it)['\u2019]s|\bamounts?\s+to"
    r"|\bamounted\s+to|\bdressed\s+up\s+as|\bnothing\s+(?:but|less\s+than))\s+(?:(?:a|an|just|simply|pure|plain|"
    r"clearly|really|in\s+fact|nothing\s+but|nothing\s+less\s+than|effectively|de\s+facto)\s+)*[\"\u201c\u2018']?$",
    re.IGNORECASE)


def counted_votes(text: str) -> Iterator[re.Match[str]]:
    """COUNTED_VOTE's matches; none without one of its verbs (looked for in the folded text first)."""
    low = folded(text)
    if not any(verb in low for verb in _VOTE_VERBS):
        return iter(())
    return COUNTED_VOTE.finditer(text)


_VOTE_VERBS = ("supported", "backed", "vote", "opposed", "dissented", "objected", "rejected", "endorsed")
COUNTED_VOTE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+|several|a few|a [\"\u201c]?(?:\w+ )?"
    r"(?:majority|minority)[\"\u201d]?|the only)(?: \w+)? (?:members?|governors?|policymakers|officials|capitals|countries|"
    r"states|governments|ministers|colleagues|lawmakers|senators|judges|delegations|allies)\b[^.;:]{0,60}?"
    r"\b(?:supported|backed|vote|voted|opposed|dissented|objected|rejected|endorsed)\b", re.IGNORECASE)


def _cue_polarity(slug: str, clause: str, hits: list[CueHit], lexicon: Lexicon, matcher: TopicMatcher,
                  named: bool) -> int:
    """The clause's cue polarity times the direction of its topic phrase (see `_topic_stance`)."""
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
    if direction < 0 and span and _LABELLED_AS.search(clause, 0, span[0]):
        # calling something by the topic's contrary is condemning it: "this is deregulation dressed up
        # as simplification", "what they propose amounts to protectionism"
        polarity = -1
    if direction < 0:
        polarity = -polarity
    if topic_pos is not None and _DISPREFERRED.search(clause[max(0, topic_pos - 30):topic_pos]):
        polarity = -polarity if polarity else -1  # "deepen markets rather than retreat into protectionism"
    return polarity


def _evaluation(clause: str, lexicon: Lexicon, actions: tuple[tuple[int, int], ...]) -> int:
    """-1 when the clause judges its action badly ("would be a mistake", "no need to"), else +1;
    an oppose word inside an action (`actions`: their spans) is part of that action."""
    score = 0
    judged = list(_stance_words(lexicon, lexicon.oppose_at, clause))
    if not judged:
        return 1
    verbs = lexicon.actions.transitive if lexicon.actions else ()
    asked = _ASKED.match(clause.lower())
    asked_end = asked.end() if asked else 0
    for m in judged:
        if any(start <= m.start() < end or m.start() <= start < m.end() for start, end in actions):
            continue
        if any(pattern.match(clause, m.start()) for pattern, _sign, _letters in verbs):
            continue  # an action verb on something else ("scraps the route as she vows tougher rules")
        if m.group(0).lower() == "against" and any(0 <= m.start() - end <= 2 for _s, end in actions):
            continue  # part of the thing: "sanctions against Russia"
        if any(0 <= m.start() - end <= 20 and _QUALIFIER.fullmatch(clause, end, m.start()) for _s, end in actions):
            continue  # qualifies the thing: "faster returns of rejected asylum seekers"
        if any(end <= m.start() and _PERSON_RELATIVE.search(clause, end, m.start()) for _s, end in actions):
            continue  # describes people the action is about: "deport people whose claims were rejected"
        if m.start() < asked_end:
            continue  # the reporter's word: "Asked whether this was a U-turn, she said ..."
        score -= 1 if not _negates_judgement(clause, m.start(), lexicon) else -1
    return -1 if score < 0 else 1


# words that may stand between a negator and the judgement it denies: "not a mistake", "is not
# at all the wrong call", "no real need"; any other word is a verb or noun of its own, and the
# judgement stands: "will not repeat that mistake", "did not see the damaging effects"
_DENIAL_GAP = frozenset(
    "a an the be been being is are was were at all so too very really necessarily entirely only just such any "
    "much real simply in my our view".split())


def _negates_judgement(clause: str, pos: int, lexicon: Lexicon) -> bool:
    words = re.findall(r"[\w'\u2019]+", clause[:pos])[-4:]
    for i in range(len(words) - 1, -1, -1):
        if lexicon.negation.fullmatch(words[i]) or words[i].lower().endswith(("n't", "n\u2019t")):
            return all(w.lower() in _DENIAL_GAP for w in words[i + 1:])
    return False


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


def _stance_words(lexicon: Lexicon, number: int, clause: str) -> Iterator[re.Match[str]]:
    """The matches of `lexicon.support` (number `support_at`) or `lexicon.oppose` (`oppose_at`) in `clause`,
    tried only where the cue index puts them (the statement's index is usually made already)."""
    pattern = lexicon.support if number == lexicon.support_at else lexicon.oppose
    if number in lexicon.unlisted:
        return pattern.finditer(clause)
    return matches(pattern, clause, starts(clause, lexicon.cue_index).get(number, ()))


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
    opposed: list[tuple[int, int]] = []
    for m in _stance_words(lexicon, lexicon.oppose_at, clause):
        if span and span[0] <= m.start() < span[1]:
            continue
        if _OTHERS_CLAUSE.search(clause, max(0, m.start() - 50), m.start()):
            continue  # "a demand Moscow has ruled out": another's rejection, not the speaker's
        opposed.append(m.span())
        score -= 1 if not _negated_before(clause, m.start(), lexicon) else -1
    positive = [h for h in hits if h.table.kind == "commitment" and h.table.subtype != "refusal" and h.table.polar
                and (scoped or not _OBLIGATION.fullmatch(h.text))]
    support_spans = [(m.start(), m.group(0)) for m in _stance_words(lexicon, lexicon.support_at, clause)]
    support_spans += [(h.start, h.text) for h in positive]
    firm = [(h.start, h.start + len(h.text)) for h in refusals if _refuses_retreat(clause, h, lexicon)] + dropped
    if firm:  # "not going to walk away": the refusal's own "going to" is no separate cue
        support_spans = [(a, t) for a, t in support_spans if not any(x <= a < y for x, y in firm)]
    if opposed:  # "families are going to pay for this": the "going to" belongs to the oppose phrase
        # and a support word that is the oppose phrase's object is what it harms: "would risk
        # undoing the progress", "hurt the recovery we welcomed"
        support_spans = [(a, t) for a, t in support_spans if not any(
            x <= a < y or y <= a and _OBJECT_GAP.fullmatch(clause, y, a) for x, y in opposed)]
    if opposed:  # "we will fight this date": a modal is the auxiliary of the oppose verb after it, no vote
        support_spans = [(a, t) for a, t in support_spans if not any(
            a < x < a + len(t) or _MODAL.fullmatch(t) and _AUXILIARY_GAP.fullmatch(clause, a + len(t), x)
            for x, _y in opposed)]
    # a plain future takes a side only when someone will do it: "we will cut", "Canada will match",
    # but not "the next meeting will bring data" (the statement's text is backshifted: "would" reads "will")
    support_spans = [(a, t) for a, t in support_spans if not (_PLAIN_FUTURE.fullmatch(t) and (
        not _actor_before(clause, a) and _subject_before(clause, a).lower() != "there"
        or _NON_VOLITIONAL.match(clause, a + len(t))))]
    process = [(h.start, h.start + len(h.text)) for h in hits if h.table.name == "process"]
    if process:  # "we will review it, then decide": the "will" of a promised process is no vote
        support_spans = [(a, t) for a, t in support_spans if not any(x <= a < y for x, y in process)]
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
        if any(_refuses_retreat(clause, h, lexicon) for h in refusals) or _negated_before(
                clause, _undo_start(clause, topic_pos, lexicon), lexicon):
            # the undoing is refused or denied: "we will not accept any delay of the AI Act", "no pause
            # on the rules" stand by the topic
            score = abs(score) or 1
        else:
            score = -score if score else -1
    return (score > 0) - (score < 0)


def _negated_before(clause: str, pos: int, lexicon: Lexicon, window: int = 4) -> bool:
    """A negator among the few words before `pos`, in the same clause part: a comma, semicolon or
    colon ends its scope ("not reckless, it is sensible" does not deny "sensible")."""
    before = clause[:pos]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    if cut >= 0:
        before = before[cut + 1:]
    words = re.findall(r"[\w'\u2019]+", before)[-window:]
    # a negated verb of opinion denies what it governs however far: "we don't think (such tariffs)
    # would be in the national interest" means they would not be
    return bool(lexicon.negation.search(" ".join(words))) or bool(_RAISED_NEGATION.search(before))


_RAISED_NEGATION = re.compile(r"\b(?:do|does|did)(?:n't|n\u2019t|\s+not)\s+(?:think|believe|expect|consider|feel)\b",
                              re.IGNORECASE)


def _undone(clause: str, topic_pos: int, lexicon: Lexicon) -> bool:
    words = re.findall(r"[\w'\u2019]+", clause[:topic_pos])[-4:]
    return bool(lexicon.undo.search(" ".join(words)))


def _undo_start(clause: str, topic_pos: int, lexicon: Lexicon) -> int:
    """Where the undo verb before the topic phrase starts (see `_undone`)."""
    window_start = max(0, topic_pos - 60)
    hits = list(lexicon.undo.finditer(clause, window_start, topic_pos))
    return hits[-1].start() if hits else topic_pos


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
