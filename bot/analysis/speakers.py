"""Find who is speaking: mentions of people in a sentence and their resolution to one official.

Resolution order, from most to least certain: a full name or alias from the registry (or a close
spelling, by rapidfuzz); a name introduced in this article with a title ("Bank of England Governor
Andrew Bailey") which registers a new official; a surname already seen in the article; a title
("the NATO leader") held by someone in this article, then by someone in the registry; a pronoun,
by the most recent resolved speaker. Anything else stays unattributed - never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .heads import starts
from .lexicon import Lexicon
from .models import OfficialEntry, Registry
from .registry import slugify

UPPER = "A-Z\u00c0-\u00de\u0100-\u017f"
PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el", "ter", "zu", "do", "dos", "das"}
_PARTICLE = "|".join(sorted(PARTICLES, key=len, reverse=True))
_CAPWORD = rf"[{UPPER}][\w\u2019'-]*\w|[{UPPER}]\."
_PARTICLE_FIRST = "".join(sorted({p[0] for p in PARTICLES}))
# A name run: (?<![\w.])(?:(?:PARTICLE)\s+)*(?:CAPWORD)(?:\s+(?:(?:PARTICLE)\s+)*(?:CAPWORD)){1,7}(?![\w]),
# written so that it starts with a character class: the engine then skips in C to the next capital
# or particle letter instead of attempting a match at every position. After that first character,
# a capital goes on as a capitalised word (no particle starts with a capital), a particle letter as
# the rest of its particle (at most one particle fits before the space, so their order is free).
_PARTICLE_TAILS = "|".join(
    f"(?<={c})(?:{'|'.join(p[1:] for p in sorted(PARTICLES) if p[0] == c)})" for c in _PARTICLE_FIRST)
NAME_RE = re.compile(
    rf"[{_PARTICLE_FIRST}{UPPER}](?<![\w.].)"
    rf"(?:(?<=[{UPPER}])(?:[\w\u2019'-]*\w|\.)|(?:{_PARTICLE_TAILS})(?:\s+|-)(?:(?:{_PARTICLE})\s+)*(?:{_CAPWORD}))"
    rf"(?:\s+(?:(?:{_PARTICLE})(?:\s+|-))*(?:{_CAPWORD})){{1,7}}(?![\w])"
)
# Patterns that start with a character class (rather than a lookbehind) let the regex engine skip
# to the next possible first character in C instead of attempting a match at every position; the
# lookbehind then follows that first character: (?<![\w].) is "no word character before it".
CAP_TOKEN_RE = re.compile(rf"[{UPPER}](?<![\w].)[\w\u2019'-]*\w(?![\w])")
TOKEN_RE = re.compile(r"[\w][\w\u2019'.-]*\w|\w")
# he/she, and "the politician", which points back like a pronoun ("The politician added that ..."); not
# "the diplomat" or "the official", which usually take up an anonymous source
# (re.IGNORECASE reads "s" as any of "sSſ", "h" as "hH"; the first class spells that out so it
# is matched case-sensitively, which is what lets the engine skip ahead)
PRONOUN_RE = re.compile(r"[hHsS\u017f](?<![\w].)(?i:(?<=[hH])e|(?<=[sS\u017f])he)(?![\w'\u2019])")
POLITICIAN_RE = re.compile(r"(?<![\w])the\s+politician(?![\w'\u2019])", re.IGNORECASE)
ANON_RE = re.compile(
    # "an?|one|two|three|several|some|other|the|another", its first letter matched by the leading class
    r"(?-i:[aAoOsS\u017ftT])(?<![\w].)"
    r"(?:(?<=[aA])(?:n?|nother)|(?<=[oO])(?:ne|ther)|(?<=[tT])(?:wo|hree|he)|(?<=[sS\u017f])(?:everal|ome))"
    r"\s+(?:[\w.-]+\s+){0,3}?"
    r"(?:officials?|diplomats?|sources?|aides?|spokesperson|spokesman|spokeswoman|insiders?|people familiar)"
    # "an official visit", "official figures": the adjective, not a person
    r"(?![\w])(?!\s+(?:visits?|trips?|residence|capacity|websites?|channels?|figures|data|results|ceremony|meetings?"
    r"|talks|letters?|documents?|languages?|duties|business|records?|statements?|sources)\b)(?:\s+(?:for|at|of|in|from|with|close to|familiar with)\s+(?:the\s+)?[\w' ]{1,40}?(?=,|\s+(?:said|says|told|added)|$))?",
    re.IGNORECASE,
)
# a bare plural source as the subject of a verb of saying, with no determiner: "Western officials said",
# "EU diplomats say", "mediators told reporters" (with a determiner, ANON_RE finds it)
_ANON_PLURALS = ("officials", "diplomats", "sources", "mediators", "negotiators", "aides", "insiders")
ANON_PLURAL_RE = re.compile(
    r"(?<![\w'\u2019-])(?:(?:senior|western|european|american|arab|israeli|palestinian|russian|ukrainian|chinese|"
    r"(?-i:[A-Z])[\w.-]*)\s+){0,2}(?:" + "|".join(_ANON_PLURALS) + ")"
    r"(?=\s+(?:(?:have|had|has)\s+)?(?:said|say|says|told|tell|added|warned|noted|stressed|insisted|acknowledged"
    r"|cautioned|conceded)\b)",
    re.IGNORECASE)
PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f"}
GENDER_WORDS = {
    "mr": "m", "sir": "m", "lord": "m", "chairman": "m", "spokesman": "m", "congressman": "m", "businessman": "m",
    "king": "m", "prince": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "mme": "f", "dame": "f",
    "lady": "f", "chairwoman": "f", "spokeswoman": "f", "congresswoman": "f", "businesswoman": "f",
    "queen": "f", "princess": "f",
}
HONORIFICS = {"mr", "mrs", "ms", "miss", "madam", "mme", "sir", "dame", "lord", "lady", "dr", "prof"}
_HONORIFIC = re.compile(r"(?<![\w])(Mr|Mrs|Ms|Miss|Madam|Mme|Sir|Dame|Lord|Lady)\.?\s+$")
_GENDERED_WORD = re.compile(r"(?<![\w])(" + "|".join(GENDER_WORDS) + r")(?![\w])", re.IGNORECASE)
# Words that end an organisation, not a person: "the European Commission said" is not an official.
ORG_HEADS = {
    "commission", "house", "ministry", "bank", "department", "office", "council", "agency", "government",
    "kremlin", "reserve", "union", "parliament", "party", "committee", "court", "company", "group",
    "fund", "organisation", "organization", "institute", "association", "nations", "states", "times",
    "post", "news", "press", "reuters", "summit", "forum", "authority", "board", "alliance", "treasury",
    "pentagon", "cabinet", "secretariat", "service", "administration", "assembly", "senate", "congress",
    # heads that end a department's or a body's own name ("Office for Budget Responsibility")
    "responsibility", "affairs", "studies", "relations", "statistics", "foundation", "centre", "center",
    "university", "corporation", "federation", "bureau", "directorate", "tribunal", "coalition", "network",
    "exchange", "police", "commissariat", "inspectorate", "watchdog", "regulator", "observatory", "academy",
    "trust", "charity", "society", "initiative", "campaign", "movement", "institution", "partnership",
    # documents and plans that "call for" things: "an Acceleration Agenda calls on ..."
    "agenda", "plan", "programme", "program", "strategy", "framework", "roadmap", "declaration", "pact",
    "accord", "treaty", "charter", "report", "resolution", "communique", "statement", "act",
    # party labels: "an Indiana Republican", "the Fort Wayne Republican", "a Social Democrat"
    "republican", "republicans", "democrat", "democrats", "conservative", "conservatives", "socialist", "socialists",
}
# A capitalised run right after "<Organisation head> of/for (the)" continues that organisation's name
# ("Office for Budget Responsibility", "Ministry of Foreign Affairs"), and one right after a
# place preposition is a place ("families in Tel Aviv said"): neither is a new official.
_ORG_BEFORE = re.compile(rf"(?:^|\s)([{UPPER}][\w-]*)\s+(?:of|for|on|and)\s+(?:the\s+)?$")
# a capitalised title whose portfolio runs on over several capitalised words: "Commissioner for Trade and
# Economic Security", "Secretary of State for Health and Social Care" (the last run is no person)
_PORTFOLIO_BEFORE = re.compile(rf"(?:^|\s)([{UPPER}][\w-]*)\s+(?:of|for)\s+(?:(?:the|of|for|and|&|[{UPPER}][\w\u2019'-]*),?\s+)*?(?:and|&)\s+$")
_ROLE_OF_BEFORE = re.compile(rf"(?:^|\s)([{UPPER}][\w-]*)(?:\s+of\s+State)?\s+(?:of|for)\s+(?:the\s+)?$")
_ASIDE = re.compile(
    r"\s*,\s+(?:who|whose|which|a|an|the|\d{1,3}\b|[a-z]+(?:ed|en|ing)\b)[^,]{0,100},\s*"
    r"|\s*,\s*(?:though|however|meanwhile|too|also|in\s+turn|for\s+(?:his|her|their)\s+part)\s*,\s*"
    r"|\s+of\s+[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?\s+|\s*,\s*[DRI]-[A-Z][\w.]*,\s*"  # "of Connecticut", ", D-Mich.,"
    r"|(?:[\s,]+(?:(?:this|last)\s+(?:week|month|year)|also|then|later|again|now|still|has|have|had|once|repeatedly|"
    r"recently|previously|yesterday|today|on\s+\w+day))+,?\s+")
_LONGEST_NAME = 8  # words in the longest name or title+name looked up as one piece
# common nouns for an organisation, written before its name: "the charity Rotta Sicura", "at the bank Banco Atlantico"
_ORG_NOUNS = r"charity|group|bank|firm|think[\s-]tank|union|association|consultancy"
# an organisation named after the common noun for it: "the Rome-based charity Rotta Sicura", "the group Clean Air Canada"
_ORG_NOUN_BEFORE = re.compile(rf"(?:^|\s)(?:{_ORG_NOUNS}|campaign|coalition|broker|brokerage|newspaper|broadcaster|website|"
                              r"company|network|movement|NGO|non-profit|nonprofit)\s+$")
_PLACE_BEFORE = re.compile(r"(?:^|\s)(?:in|at|near|across|outside|inside|throughout|into|towards?|around|from)\s+(?:the\s+)?$")
_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")
# verbs of title-case headlines: "Rates Will Fall Further, Says Bailey"
_HEADLINE_VERBS = frozenset({"says", "said", "warns", "tells", "urges", "vows", "insists", "admits", "claims", "denies",
                             "hints", "signals"})
_NOT_IN_NAME = frozenset("will would shall should can could may might must is are was were be been has have had "
                         "not no to for on in at with from into than he she it we they his her its our their"
                         .split()) | _HEADLINE_VERBS  # "in a post on X. He wrote": no person "X. He"
NOT_NAME_START = {
    "the", "a", "an", "in", "on", "at", "but", "and", "as", "if", "when", "while", "after", "before", "this", "by",
    *_HEADLINE_VERBS,
    "that", "these", "those", "it", "he", "she", "we", "they", "i", "our", "his", "her", "their", "there",
    "asked", "speaking", "earlier", "last", "next", "during", "since", "until", "despite", "with",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some", "many",
    "both", "all", "other", "another", "senior", "top",  # "Two EU diplomats said": a count, not a first name
}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # name | title | new | pronoun | anon
    slug: str | None = None
    possessive: bool = False


@dataclass
class ArticleState:
    """What the resolver has learned so far in one article (names, titles, recent speakers)."""

    discovered: dict[str, OfficialEntry] = field(default_factory=dict)
    local_names: dict[str, str] = field(default_factory=dict)  # surname/alias (lower) -> slug
    local_titles: list[tuple[str, str]] = field(default_factory=list)  # (title lower, slug), in order
    recent: list[str] = field(default_factory=list)  # slugs, most recent last
    last_speaker: str | None = None
    speakers: list[str] = field(default_factory=list)  # resolved speakers, most recent last
    # how each person has been referred to in this article: slug -> {"m": votes, "f": votes}
    gender_votes: dict[str, dict[str, int]] = field(default_factory=dict)
    text: str = ""  # the whole article, for checks that look beyond one sentence
    # the person the previous sentence was about, when it opened with them and said nothing itself:
    # "Gherasimov, standing beside him, struck a more urgent tone. '...,' she said."
    topic_person: str | None = None

    def note_title(self, title: str, slug: str) -> None:
        """Remember a title given to someone, as the most recent; each (title, person) is kept once,
        so an article repeating a title does not grow the list that every title lookup reads."""
        if (title, slug) in self.local_titles:
            self.local_titles.remove((title, slug))
        self.local_titles.append((title, slug))

    def seen(self, slug: str) -> None:
        if slug in self.recent:
            self.recent.remove(slug)
        self.recent.append(slug)

    def spoke(self, slug: str) -> None:
        self.last_speaker = slug
        if slug in self.speakers:
            self.speakers.remove(slug)
        self.speakers.append(slug)

    def vote_gender(self, slug: str, gender: str) -> None:
        votes = self.gender_votes.setdefault(slug, {"m": 0, "f": 0})
        votes[gender] += 1

    def gender(self, slug: str) -> str | None:
        """The gender this article has used for a person, when its evidence is one-sided."""
        votes = self.gender_votes.get(slug)
        if not votes or votes["m"] == votes["f"]:
            return None
        return "m" if votes["m"] > votes["f"] else "f"


class SpeakerResolver:
    """Built once per registry; `mentions()` is called per sentence with the article's state."""

    def __init__(self, registry: Registry, lexicon: Lexicon):
        self.lexicon = lexicon
        self.officials = {o.slug: o for o in registry.officials}
        self.names: dict[str, str] = {}
        self._names_by_shape: dict[tuple[str, int], list[str]] = {}  # (initial, spaces) -> names, for fuzzy lookups
        self.titles: dict[str, str] = {}
        for o in registry.officials:
            self._index(o)
        self._first_words = {t.split()[0] for t in self.titles if t}
        self._generic: dict[str, tuple] = {}  # frame -> generic title matches (read twice per article)
        self._speaks: dict[tuple[str, str], bool] = {}  # (surname, article) -> see _surname_speaks

    def clear_caches(self) -> None:
        self._generic.clear()
        self._speaks.clear()

    def add_official(self, o: OfficialEntry) -> None:
        """Learn one more official without rebuilding (a newly discovered one)."""
        self.officials[o.slug] = o
        self._index(o)
        self._first_words |= {_norm(t).split()[0] for t in o.titles if _norm(t)}

    def _index(self, o: OfficialEntry) -> None:
        for alias in (o.name, *o.aliases, _surname(o.name)):
            if alias:
                key = alias.lower()
                if key not in self.names:
                    self.names[key] = o.slug
                    self._names_by_shape.setdefault((key[0], key.count(" ")), []).append(key)
        for title in o.titles:
            self.titles.setdefault(_norm(title), o.slug)

    def resolve_pronoun(self, word: str, state: ArticleState) -> str | None:
        """He/she: the most recent speaker whose known gender does not conflict, else the most
        recent such person mentioned. A pronoun with a single possible referent in the article
        teaches that person's gender."""
        gender = PRONOUN_GENDER.get(word.lower())
        people = set(state.speakers) | set(state.recent)
        if len(people) == 1:
            slug = next(iter(people))
            if gender:
                state.vote_gender(slug, gender)
            return slug
        if state.topic_person and gender and state.gender(state.topic_person) in (None, gender):
            return state.topic_person
        for pool in (state.speakers, state.recent):
            for slug in reversed(pool):
                known = state.gender(slug)
                if gender is None or known is None or known == gender:
                    return slug
        return state.last_speaker or (state.recent[-1] if state.recent else None)

    def learn_title_genders(self, state: ArticleState) -> None:
        """Titles learned for this article's people that say their gender ("spokeswoman")."""
        for title, slug in state.local_titles:
            cue = _GENDERED_WORD.search(title)
            if cue:
                state.vote_gender(slug, GENDER_WORDS[cue.group(1).lower()])

    def learn_gender(self, frame: str, mentions: list[Mention], state: ArticleState,
                     speaker: Mention | None) -> None:
        """Gender cues in one sentence: an honorific or a gendered title at a named mention ("Ms
        Joly", "the bank's chairwoman"), and a pronoun that follows the sentence's named speaker
        with no other person between them ("Joly said she had raised ...")."""
        for m in mentions:
            if not m.slug or m.kind == "pronoun" or m.kind == "anon":
                continue
            # cheap pre-check: an honorific ends 2-6 characters before the name ("Ms ", "Madam ")
            cue = (_HONORIFIC.search(frame, max(0, m.start - 7), m.start) if m.start > 2 else None) or (
                _GENDERED_WORD.search(m.text, 0, m.text.rfind(" ") + 1) if " " in m.text else None)
            if cue:
                state.vote_gender(m.slug, GENDER_WORDS[cue.group(1).lower().rstrip(".")])
        if speaker is None or not speaker.slug or speaker.kind == "pronoun" or speaker.kind == "anon":
            return
        nxt = next((m for m in mentions if m.start >= speaker.end), None)
        if nxt is not None and nxt.kind == "pronoun":
            gender = PRONOUN_GENDER.get(nxt.text.lower())
            if gender:
                state.vote_gender(speaker.slug, gender)

    def name_of(self, slug: str, state: ArticleState) -> str:
        o = self.officials.get(slug) or state.discovered.get(slug)
        return o.name if o else slug

    # -- mention finding -------------------------------------------------------------------------
    def mentions(self, frame: str, state: ArticleState, learn_only: bool = False,
                 headline: bool = False) -> list[Mention]:
        """All person mentions in a sentence frame (quoted text already blanked out).

        `learn_only`: the caller wants only what this teaches `state` (names, titles), not the
        mentions. Only capitalised runs teach; the later steps matter only when a run is still
        unknown (a title found first keeps it from being taken for a new name), so the rest is
        skipped."""
        found: list[Mention] = []
        taken = [False] * len(frame)

        def add(m: Mention) -> None:
            if any(taken[m.start:m.end]):
                return
            for i in range(m.start, m.end):
                taken[i] = True
            m.possessive = frame[m.end:m.end + 2] in ("'s", "\u2019s") or m.text.endswith(_POSSESSIVE[:2])
            found.append(m)

        # 1. capitalised names known to the registry or this article ("NATO Secretary General Mark Rutte")
        names, caps, pronouns, anons = _scan(frame)
        names = tuple(_without_headline_verb(*nm) for nm in names)
        unknown = []
        for nm in names:
            m = self._known_name(nm[0], nm[2], state)
            if m:
                if m.start == nm[0] and m.text == nm[2] and m.start > 2 and m.slug:
                    # a title standing apart before the run: "Minister of Foreign Affairs of Ukraine Andrii Sybiha"
                    title = _title_before(frame[max(0, m.start - 60):m.start], self.lexicon)
                    if title:
                        self._note_title(title, m.slug, state)
                add(m)
            else:
                unknown.append(nm)
        if learn_only and not unknown:
            return found
        # 2. single capitalised words that are known surnames/aliases ("Rutte", "Powell")
        for start, end, word in caps:
            slug = self._lookup_name(word, state, fuzzy=False)
            if slug:
                add(Mention(start, end, word, "name", slug))
        # 3. registry titles and generic titles ("the NATO leader", "the central bank chief")
        for m in self._titles_in(frame, state, headline):
            add(m)
        # 3b. names nobody knows yet: a close spelling of a known name, or a new official; not a
        # person's affiliation after their name ("Rafael Moura of Banco Atlantico said", "Maya
        # Thompson, of the group Clean Air Canada, said")
        for k, (start, end, name) in enumerate(unknown):
            before = [m.end for m in found if m.end <= start and m.kind in ("name", "new")] + [u[1] for u in unknown[:k]]
            if before and _AFFILIATION.fullmatch(frame, max(before), start) \
                    and not any(self.lexicon.role_pattern.fullmatch(w.strip(".,")) for w in name.split()):
                continue
            if any(taken[start:end]):
                # a title glued to a name nobody knows yet ("Central bank Governor Kate Novak"): the
                # name wins over the title's holder elsewhere
                title = next((m for m in found if m.kind == "title" and m.start < end and m.end > start), None)
                if title is None or title.end >= end or len(frame[title.end:end].split()) < 2:
                    continue
                found.remove(title)
                for i in range(title.start, title.end):
                    taken[i] = False
                if any(taken[start:end]):
                    continue
            for m in self._unknown_name(frame, start, name, state):
                add(m)
        if learn_only:
            return found
        # 3c. an honorific and a surname nobody has named in full ("Mr Cleverly told MPs", "Lord Falconer
        # said"): a person, recorded unattributed; "Sir Keir" / "Dame Jacinda" is the one official of that
        # first name the article or the registry knows
        for start, end, word in caps:
            hon = _HONORIFIC.search(frame, max(0, start - 7), start) if start > 2 else None
            if hon is None or any(taken[start:end]):
                continue
            slug = self._first_name(word, state) if hon.group(1) in ("Sir", "Dame") else None
            add(Mention(hon.start(), end, frame[hon.start():end], "name", slug))
        # 4. pronouns and anonymous sources
        for start, end, word in pronouns:
            add(Mention(start, end, word, "pronoun"))
        for start, end, words in anons:
            slug = self._definite_source(words, state)
            add(Mention(start, end, words, "title" if slug else "anon", slug))
        found.sort(key=lambda m: m.start)
        return found

    def _known_name(self, offset: int, text: str, state: ArticleState) -> Mention | None:
        """The longest exact registry/article name inside a capitalised run; title words before it
        are kept in the mention and remembered as this person's title in the article."""
        words = text.split()
        low = [w.lower().replace("\u2019", "'") for w in words]  # the keys `_lookup_name` would make
        local, names = state.local_names, self.names
        for size in range(min(len(words), _LONGEST_NAME), 0, -1):  # a run of capitals can be a whole line
            for i in range(len(words) - size, -1, -1):
                key = " ".join(low[i:i + size])
                if key.endswith("'s"):
                    key = key[:-2]
                slug = local.get(key) or names.get(key)
                if slug:
                    if i:
                        self._note_title(" ".join(words[:i]), slug, state)
                    end = offset + len(" ".join(words[:i + size]))
                    return Mention(offset, end, text[: end - offset], "name", slug)
        return None

    def _unknown_name(self, frame: str, offset: int, text: str, state: ArticleState) -> list[Mention]:
        words = text.split()
        role_cut = 0
        for i, w in enumerate(words):
            if self.lexicon.role_pattern.fullmatch(w.strip(".")) or w.lower() in {"nato", "eu", "u.s.", "us", "un"} \
                    or (i < len(words) - 1 and (w.endswith(_POSSESSIVE) or w.lower().strip(".") in HONORIFICS)):
                role_cut = i + 1
        name_words = words[role_cut:]
        if len(name_words) >= 1:
            candidate = " ".join(name_words)
            slug = self._lookup_name(candidate, state, fuzzy=True)
            if slug:
                if role_cut:
                    self._note_title(" ".join(words[:role_cut]), slug, state)
                return [Mention(offset, offset + len(text), text, "name", slug)]
        return self._discover(frame, offset, words, state)

    def _definite_source(self, words: str, state: ArticleState) -> str | None:
        """'the Kremlin official', 'the Hamas spokesman': a definite source whose qualifier is in the title
        of someone who has spoken in the article is that person; an indefinite one stays anonymous."""
        low = words.lower().split()
        if len(low) < 3 or low[0] != "the" or low[-1] not in ("official", "spokesman", "spokeswoman", "spokesperson", "aide"):
            return None
        qualifiers = set(low[1:-1]) - {"senior", "top", "same", "former"}
        for slug in reversed(state.speakers):
            o = self.officials.get(slug) or state.discovered.get(slug)
            titles = [t for t, s in state.local_titles if s == slug] + [_norm(t) for t in (o.titles if o else ())]
            if qualifiers and qualifiers <= {w for t in titles for w in t.split()}:
                return slug
        return None

    def _first_name(self, word: str, state: ArticleState) -> str | None:
        """The only official, in this article or else in the registry, whose first name is `word`."""
        for pool in ([state.discovered.get(s) or self.officials.get(s) for s in state.recent],
                     [*state.discovered.values(), *self.officials.values()]):
            slugs = {o.slug for o in pool if o is not None and o.name.split()[0] == word}
            if slugs:
                return slugs.pop() if len(slugs) == 1 else None
        return None

    def _lookup_name(self, candidate: str, state: ArticleState, fuzzy: bool = True) -> str | None:
        key = candidate.lower().replace("\u2019", "'")
        if key.endswith("'s"):
            key = key[:-2]
        slug = state.local_names.get(key) or self.names.get(key)
        if slug:
            return slug
        if fuzzy and len(key) >= 6 and key[0].isalpha():
            # only names with the same initial and word count can pass _same_shape: compare with those
            shape = (key[0], key.count(" "))
            pool = [n for n in state.local_names if (n[:1], n.count(" ")) == shape]
            pool += self._names_by_shape.get(shape, ())
            hit = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=88)
            if hit and _same_shape(key, hit[0]):
                return state.local_names.get(hit[0]) or self.names.get(hit[0])
        return None

    def _discover(self, frame: str, offset: int, words: list[str], state: ArticleState) -> list[Mention]:
        """A new official: a capitalised full name right after a role title, or beside one."""
        if words[-1].endswith(_POSSESSIVE) and len(words) > 2 and any(
                self.lexicon.role_pattern.fullmatch(w) for w in words[:-2]):
            # a titled person's possessive: "Governor Ingrid Haugland's news conference"
            last = words[-1]
            words = [*words[:-1], last[:-2] if last.endswith(("'s", "\u2019s")) else last[:-1]]  # Jones' -> Jones
        if words[0].lower() in NOT_NAME_START and not any(w.endswith(_POSSESSIVE) for w in words[1:-1]) \
                or _head(words[-1]) in ORG_HEADS or words[-1].endswith(_POSSESSIVE):
            return []  # but "The Democratic Party's Marco Ferrante": the name after the possessive
        # split a glued title: "Finance Minister Christian Lindner" -> title + name; a possessive
        # qualifier is a title too: "Romania's Petrescu", "the Bank's Governor Kate Novak"
        role_cut = 0
        for i, w in enumerate(words[:-2] if len(words) > 2 else []):
            if self.lexicon.role_pattern.fullmatch(w) or (w.endswith("s") and self.lexicon.role_pattern.fullmatch(w[:-1])):
                role_cut = i + 1  # "Finance Minister ...", and plural titles: "Governors Christopher Waller and ..."
        for i, w in enumerate(words[:-1]):
            if w.endswith(_POSSESSIVE) or w.lower().strip(".") in HONORIFICS:
                role_cut = max(role_cut, i + 1)
        if role_cut == 0 and (portfolio := _PORTFOLIO_BEFORE.search(frame, max(0, offset - 80), offset)) \
                and self.lexicon.role_pattern.fullmatch(portfolio.group(1)):
            return []
        role_of = _ROLE_OF_BEFORE.search(frame, max(0, offset - 40), offset) if role_cut == 0 else None
        if role_of and self.lexicon.role_pattern.fullmatch(role_of.group(1)):
            if len(words) <= 2:
                return []  # "the Conservative MP for Windsor West", "Minister of Foreign Affairs": a place or a portfolio
            # "Minister for Trade Jonas Berg": the portfolio runs into the name, which is its last
            # capitalised word with the particles and the one given name before it
            role_cut = len(words) - 1
            while role_cut > 1 and words[role_cut - 1].lower() in PARTICLES:
                role_cut -= 1
            role_cut -= 1
        if role_cut == 0 and (_PLACE_BEFORE.search(frame, max(0, offset - 30), offset)
                              or _ORG_NOUN_BEFORE.search(frame, max(0, offset - 30), offset) or (
                (org := _ORG_BEFORE.search(frame, max(0, offset - 40), offset)) and _head(org.group(1)) in ORG_HEADS)) \
                and not _title_after(frame[offset + len(" ".join(words)):offset + len(" ".join(words)) + 100], self.lexicon):
            return []  # "in Gaza City", "of the Bank of England"; but "came from Henna Virkkunen, the commissioner,"
        name_words = words[role_cut:]
        if len(name_words) < 2 or any(_head(w) in ORG_HEADS or w.lower() in _NOT_IN_NAME for w in name_words):
            return []  # "Rates Will Fall Further" in a title-case headline is no person
        if any(self.lexicon.role_pattern.fullmatch(w) for w in name_words) or name_words[0].lower() in NOT_NAME_START:
            return []
        name = " ".join(name_words)
        start = offset + len(" ".join(words[:role_cut])) + (1 if role_cut else 0)
        before = frame[max(0, start - 80):start]
        after = frame[start + len(name):start + len(name) + 100]
        title = None
        if role_cut:
            title = _title_before(frame[max(0, offset - 60):start], self.lexicon)
        if title is None:
            title = _title_before(before, self.lexicon)
        if title is None:
            title = _title_after(after, self.lexicon)
        near_verb = self.lexicon.reporting_verbs.match(after.lstrip(" ,")) or re.search(
            r"(?:said|says|told|added|according to|noted|wrote)\s*,?\s*$", before) or (
            # "Andrew Bailey, whose bank cut rates this month, said ...": the verb after an aside
            (aside := _ASIDE.match(after)) and self.lexicon.reporting_verbs.match(after, aside.end()))
        # "Helena Vasconcelos built her reputation ..." and later "Vasconcelos said ...": the surname
        # speaks elsewhere in the article, so the full name is a person who is quoted
        if title is None and not near_verb and (not self._surname_speaks(name_words[-1], state.text)
                                                or re.search(r"\bthe\s+$", before, re.IGNORECASE)):
            return []  # nor "the Sao Paulo avenue": a name after "the" with no title modifies a noun
        slug = slugify(name)
        if slug in self.officials:
            return [Mention(start, start + len(name), name, "name", slug)]
        entry = state.discovered.get(slug) or OfficialEntry(slug, name, (title,) if title else (), ())
        state.discovered[slug] = entry
        state.local_names[name.lower()] = slug
        state.local_names.setdefault(_surname(name).lower(), slug)
        if title:
            self._note_title(title, slug, state)
        return [Mention(start, start + len(name), name, "new", slug)]

    def _surname_speaks(self, surname: str, text: str) -> bool:
        """Whether the bare surname is the subject or object of a reporting verb somewhere in the
        article ("Vasconcelos said", "said Vasconcelos"): then a full name ending in it is a speaker."""
        key = (surname, text)  # asked again for every mention of the name, in both passes
        known = self._speaks.get(key)
        if known is None:
            if len(self._speaks) > 512:
                self._speaks.clear()
            known = self._speaks[key] = any(
                self.lexicon.reporting_verbs.match(text, _AUXILIARIES.match(text, m.end()).end())
                or _VERB_BEFORE.search(text, max(0, m.start() - 20), m.start())
                for m in re.finditer(rf"(?<![\w]){re.escape(surname)}(?![\w\u2019'])", text)) or bool(
                # a transcript turn in capitals: "SECRETARY BLINKEN: ...", "MS. LEAVITT: ..." at the start of a
                # line; a record's label with the party: "Ioana Vlad (PSD): ..."
                re.search(rf"(?m)^[ \t]*(?:[A-Z.]+[ \t]+){{0,2}}{re.escape(surname.upper())}[ \t]*:[ \t]", text)
                or re.search(rf"(?m)^[ \t]*(?:[A-Z][\w.'\u2019-]*[ \t]+){{0,3}}{re.escape(surname)}[ \t]*"
                             rf"\([^()\n]{{1,60}}\)[ \t]*:[ \t]", text))
        return known

    def _note_title(self, title: str, slug: str, state: ArticleState) -> None:
        title = _norm(title)
        if title and self.lexicon.role_pattern.search(title):
            state.note_title(title, slug)
            o = state.discovered.get(slug)
            if o is not None and title not in (t.lower() for t in o.titles):
                state.discovered[slug] = OfficialEntry(o.slug, o.name, (*o.titles, title), o.aliases)

    def _titles_in(self, frame: str, state: ArticleState, headline: bool = False) -> list[Mention]:
        out = []
        words = _token_words(frame)
        firsts = self._first_words
        local_firsts = {t.split()[0] for t, _ in state.local_titles if t}
        local = {t for t, _ in state.local_titles}
        skip_to = 0
        # only tokens whose first word starts some title can start a title mention
        candidates = [i for i, w in enumerate(words) if w in firsts or w in local_firsts]
        tokens = _token_spans(frame) if candidates else ()
        for i in candidates:
            if i < skip_to:
                continue
            hit = None
            for n in range(min(7, len(tokens) - i), 0, -1):
                a, b = tokens[i][0], tokens[i + n - 1][1]
                phrase = _norm(frame[a:b])
                if phrase in self.titles or phrase in local:
                    hit = (a, b, n)
                    break
            if hit and frame[max(0, hit[0] - 7):hit[0]].lower() == "former ":
                hit = None  # "the former NATO chief" is not the title's holder now
            if hit:
                a, b, n = hit
                slug = self._resolve_title(_norm(frame[a:b]), state)
                the = _THE_BEFORE.search(frame[max(0, a - 4):a])
                a2 = a - len(the.group(0)) if the else a
                out.append(Mention(a2, b, frame[a2:b], "title", slug))
                skip_to = i + n
        # "the (...) minister", "French minister": none without a role word in the frame (the sentence index finds them)
        lex = self.lexicon
        roles = not lex.roles_listed or lex.roles_at in starts(frame, lex.sentence_index)
        generic = self._generic.get(frame)
        if generic is None:
            if len(self._generic) > 1024:
                self._generic.clear()
            generic = self._generic[frame] = tuple(
                (gm.start(), gm.end(), gm.group(0), _norm(gm.group(1))) for gm in lex.generic_title.finditer(frame)
            ) if roles else ()
        if headline and roles:
            # headlines drop the article: "..., says border minister", "French minister warns ..."
            generic = (*generic, *((m.start(1), m.end(1), m.group(1), _norm(m.group(1)))
                                   for m in self.lexicon.bare_title.finditer(frame)
                                   if not frame[max(0, m.start(1) - 4):m.start(1)].lower().endswith("the ")))
        for start, end, words, phrase in generic:
            slug = self._resolve_title(phrase, state)
            if slug is None:
                slug = self._equivalent_holder(phrase, state)
            if slug:
                out.append(Mention(start, end, words, "title", slug))
        return out

    def _equivalent_holder(self, phrase: str, state: ArticleState) -> str | None:
        """The holder of another way to say the office ("the head of state": the president named
        before). After a nationality the holder whose own title carries it wins ("the French leader"
        is the French president, not a prime minister titled without a country); else the first."""
        first = None
        nationality = phrase.split()[0] if len(phrase.split()) > 1 else ""
        for other in self._equivalents(phrase):
            slug = self._resolve_title(other, state)
            if slug is None:
                continue
            if not _NATIONALITY.fullmatch(nationality):
                return slug
            titles = [t for t, s in state.local_titles if s == slug]
            entry = self.officials.get(slug) or state.discovered.get(slug)
            titles += [t.lower() for t in entry.titles] if entry else []
            if any(nationality in t.split() for t in titles):
                return slug
            first = first or slug
        return first

    def _equivalents(self, phrase: str) -> list[str]:
        """Other ways to say the office (data/title_equivalents.toml): the whole reference, or its last word."""
        table = self.lexicon.title_equivalents
        if phrase in table:
            return list(table[phrase])
        head, _, last = phrase.rpartition(" ")
        # only after a nationality ("the Israeli leader"): "the FDP leader" leads a party, not a government
        if not _NATIONALITY.fullmatch(head):
            return []
        return [f"{head} {alt}" for alt in table.get(last, ())]

    def resolve_title(self, words: str, state: ArticleState) -> str | None:
        """The holder of a title written on its own ("Spokesman", "the Finance Minister"), or None."""
        phrase = _norm(words)
        if not self.lexicon.role_pattern.search(phrase):
            return None
        return self._resolve_title(phrase, state)

    def resolve_label(self, words: str, state: ArticleState) -> str | None:
        """A transcript label naming a person known in the article or the registry, in capitals or
        after an honorific or title: "SECRETARY BLINKEN", "MS. LEAVITT", "President Macron"."""
        tokens = [w.strip(".,") for w in words.split()]
        while len(tokens) > 1 and (tokens[0].lower() in HONORIFICS or self.lexicon.role_pattern.fullmatch(tokens[0])):
            tokens.pop(0)
        return self._lookup_name(" ".join(tokens), state, fuzzy=False) if tokens else None

    def _resolve_title(self, phrase: str, state: ArticleState) -> str | None:
        """A title held by someone already in this article wins; then the registry's holder."""
        best: tuple[tuple[float, int, int], str] | None = None
        # among equal fits, the one who spoke last, then the one titled last: "This was stated by Minister
        # X at a press conference with Foreign Minister Y ... 'the minister said'" is X
        spoke = {slug: i for i, slug in enumerate(state.speakers)}
        for order, (title, slug) in enumerate(state.local_titles):
            score = _title_score(phrase, title)
            rank = (score, spoke.get(slug, -1), order)
            if score >= 70 and (best is None or rank > best[0]):
                best = (rank, slug)
        for slug in reversed(state.recent):
            o = self.officials.get(slug) or state.discovered.get(slug)
            for t in o.titles if o else ():
                score = _title_score(phrase, _norm(t))
                if score >= 75 and (best is None or score > best[0][0]):
                    best = ((score, spoke.get(slug, -1), len(state.local_titles)), slug)
        if best:
            return best[1]
        if phrase in self.titles:
            return self.titles[phrase]
        # the whole title, in any order: "foreign minister" alone is not "Ukrainian Foreign Minister"
        hit = process.extractOne(phrase, list(self.titles), scorer=fuzz.token_sort_ratio, score_cutoff=90)
        # the same office only: "Polish minister" is not the Polish prime minister, nor a former holder the current one
        if hit and len(phrase.split()) >= 2 and _title_score(phrase, hit[0]) > 0:
            return self.titles[hit[0]]
        return None


# a person's affiliation right after their name: "Rafael Moura of Banco Atlantico", ", of the group Clean Air Canada"
_AFFILIATION = re.compile(r",?\s+(?:of|at|from)\s+(?:the\s+)?(?:(?:campaign\s+|lobby\s+|advocacy\s+|pressure\s+|research\s+)?"
                          rf"(?:{_ORG_NOUNS}|university|institute)\s+)?")
_NATIONALITY = re.compile(r"[a-z]+(?:an|ian|ish|ese|i|ch|ic)")
_RANK_WORDS = frozenset({"prime", "vice", "deputy", "assistant", "shadow", "former", "under", "junior", "acting"})


def _without_headline_verb(start: int, end: int, run: str) -> tuple[int, int, str]:
    """A title-case headline's verb is no part of the name after it: "..., Says Bailey" -> "Bailey"."""
    first, _, rest = run.partition(" ")
    return (start + len(first) + 1, end, rest) if rest and first.lower() in _HEADLINE_VERBS else (start, end, run)


@lru_cache(maxsize=8192)
def _title_score(phrase: str, title: str) -> float:
    """How well a title-only mention ("the central bank chief") fits a known title (a pure function of
    two short phrases that recur from article to article: kept)."""
    p, t = set(phrase.split()) - {"the", "of"}, set(title.split()) - {"the", "of"}
    if not p:
        return 0
    if ("former" in p) != ("former" in t):
        return 0  # "the former NATO chief" is not the one in office, and the other way round
    head = phrase.split()[-1] if " of " not in phrase else phrase.split(" of ")[0].split()[-1]
    if not _RANK_WORDS.isdisjoint(t) and _RANK_WORDS.isdisjoint(p):
        # a rank word makes a different office: "the minister" is not the prime minister, "the
        # governor" not a deputy governor
        th = title.split()
        if any(w in _RANK_WORDS and th[i + 1:i + 2] == [head] for i, w in enumerate(th)):
            return 0
    if "shadow" in t - p:
        return 0  # "the home secretary" is not the shadow home secretary, wherever "shadow" stands
    if any(_NATIONALITY.fullmatch(w) for w in p - t) and any(_NATIONALITY.fullmatch(w) for w in t - p):
        return 0  # "the French leader" (read as "French prime minister") is not the British prime minister
    base = fuzz.token_set_ratio(phrase, title)
    if p - t:
        # words the title lacks qualify the office: "the European Central Bank president" is not
        # whoever was called "president" before, so the whole phrase must fit, in any order
        base = min(base, fuzz.token_sort_ratio(" ".join(sorted(p)), " ".join(sorted(t))))
    return base if head in t or head in title else base * 0.6


def _title_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_.\u2019'&-"  # `[\w.\u2019'&-]`


def _last_words(before: str) -> list[str]:
    r"""The last (up to) seven words of `before`, ignoring a comma and spaces at its end; a word is
    a run of word characters, dots, apostrophes, ampersands and hyphens ("Bank of England Governor"),
    so the words stop at any other character. What `re.search(r"((?:W+\s+){0,6}?W+)\s*,?\s*$")`
    gives, split, without trying the pattern at every offset."""
    text = before.rstrip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    if not text or not _title_char(text[-1]):
        return []
    words: list[str] = []
    for part in reversed(text.split()):
        cut = len(part)
        while cut and _title_char(part[cut - 1]):
            cut -= 1
        if cut:  # another character inside or after the word: the words start after it
            if cut < len(part):
                words.append(part[cut:])
            break
        words.append(part)
        if len(words) == 7:
            break
    words.reverse()
    return words


def _title_before(before: str, lexicon: Lexicon) -> str | None:
    """The role title that ends right before a name: "... Bank of England Governor"."""
    words = _last_words(before)
    if not words:
        return None
    if words and words[-1].endswith(","):
        words[-1] = words[-1][:-1]  # "China's vice minister of commerce, Zhao Minghui": the name set off by a comma
    # walk left from the end while words look like part of a title
    kept: list[str] = []
    capital = False
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        lw = w.lower().strip(",")
        # "and" joins a portfolio between capitals ("Energy and Mineral Resources Minister"), else it ends the title
        portfolio_and = lw == "and" and kept and kept[0][:1].isupper() and k > 0 \
            and words[k - 1].lower() in _PORTFOLIO_WORDS and not lexicon.role_pattern.match(" ".join(kept))
        if w.endswith(",") or lw in _TITLE_STOP and not portfolio_and:
            break
        # lower-case words before a capitalised title are the sentence, not the title:
        # "talks gained urgency after Prime Minister" -> "Prime Minister"
        if capital and w[:1].islower() and lw not in _TITLE_JOINERS:
            break
        capital = capital or w[:1].isupper()
        kept.insert(0, w)
    while kept and kept[0].lower() in {"the", "of", "former"}:
        kept.pop(0)
    title = " ".join(kept)
    if title and lexicon.role_pattern.search(title) and lexicon.role_pattern.search(kept[-1]):
        return title
    role_of = next((i for i in range(len(kept) - 2) if lexicon.role_pattern.fullmatch(kept[i])
                    and kept[i + 1].lower() in ("of", "for")), None)
    if role_of is not None:
        return " ".join(kept[role_of:])  # "Minister of Foreign Affairs of Ukraine Andrii Sybiha"
    return _portfolio_title_before(words, lexicon)


def _portfolio_title_before(words: list[str], lexicon: Lexicon) -> str | None:
    """A lower-case title with its portfolio, set off before the name by a comma: "Moldova's deputy
    prime minister for European integration, Cristina Gherasimov"."""
    for i in range(len(words) - 1, max(-1, len(words) - 7), -1):
        if lexicon.role_pattern.fullmatch(words[i].strip(",")):
            tail = [w.lower() for w in words[i + 1:]]
            if tail and (tail[0] not in ("for", "of") or len(tail) > 5 or any(w in _TITLE_STOP for w in tail)):
                return None
            start = i
            while start > 0 and i - start < 3 and words[start - 1].lower() not in _TITLE_STOP \
                    and not words[start - 1].endswith(","):
                start -= 1
            return " ".join(words[start:])
    return None


# the first half of a portfolio joined by "and": "Energy and Mineral Resources", "Commerce and Industry"
_PORTFOLIO_WORDS = frozenset(
    "energy trade industry commerce foreign commonwealth finance economy economic home justice interior environment "
    "climate agriculture food health social labour labor education science culture transport infrastructure housing "
    "defence defense security development digital innovation research mineral fisheries forestry water youth sport "
    "tourism migration asylum employment enterprise treasury budget".split())
_TITLE_STOP = {"said", "says", "told", "and", "but", "that", "by", "with", "as", "to", "at", "in", "on", "a", "an", "was",
               "is", "after", "before", "since", "until", "when", "while", "where", "who", "from", "about",
               "against", "between", "during", "than", "also", "then", "met"}
_TITLE_JOINERS = {"of", "the", "for", "and", "on", "de", "du", "des", "&"}


_AUXILIARIES = re.compile(r"(?:\s+(?:has|had|also|then|later|again|previously|earlier|repeatedly|once|further|"
                          r"reportedly))*\s*,?\s*")
_VERB_BEFORE = re.compile(r"(?:said|says|told|added|noted|wrote|according to)\s*,?\s*$", re.IGNORECASE)


def _title_after(after: str, lexicon: Lexicon) -> str | None:
    """An appositive role: "Andrew Bailey, (the) governor of the Bank of England, said"; "Sorin Matei,
    secretary of state for the budget:" (a record's speaker label)."""
    m = re.match(r"\s*,\s*(?:the\s+|a\s+|an\s+)?([^,;:()\"\u201c\u201d]{3,90}?)\s*(?:,|\.|:|$|\s+said|\s+told)", after)
    if m and lexicon.role_pattern.search(m.group(1)) and not re.match(r"(who|which|whose|said|says)\b", m.group(1)):
        return m.group(1).strip()
    return None


_THE_BEFORE = re.compile(r"(?:the|The)\s+$")


def forget_texts() -> None:
    """Drop the scans kept for the last frames (see Engine._forget_texts)."""
    _scan.cache_clear()
    _token_words.cache_clear()
    _token_spans.cache_clear()


@lru_cache(maxsize=512)
def _scan(frame: str) -> tuple[tuple, tuple, tuple, tuple]:
    """The state-independent regex scans of a frame: capitalised runs, capitalised words,
    pronouns, anonymous sources, as (start, end, text). Each frame is read twice per article."""
    return (tuple((m.start(), m.end(), m.group(0)) for m in NAME_RE.finditer(frame)),
            tuple((m.start(), m.end(), m.group(0)) for m in CAP_TOKEN_RE.finditer(frame)),
            tuple(sorted((m.start(), m.end(), m.group(0)) for m in (
                *PRONOUN_RE.finditer(frame), *(POLITICIAN_RE.finditer(frame) if "olitician" in frame else ())))),
            _anonymous(frame))


def _anonymous(frame: str) -> tuple:
    found = [(m.start(), m.end(), m.group(0).strip()) for m in ANON_RE.finditer(frame)]
    if any(noun[1:] in frame for noun in _ANON_PLURALS):  # cheap test first, whatever the first letter's case
        for m in ANON_PLURAL_RE.finditer(frame):
            if not any(a < m.end() and m.start() < b for a, b, _w in found):
                found.append((m.start(), m.end(), m.group(0).strip()))
    return tuple(sorted(found))


@lru_cache(maxsize=512)
def _token_words(frame: str) -> tuple[str, ...]:
    """The normalised first word of each token, `_norm(token).split(" ", 1)[0]`: a token has no
    spaces and starts and ends with a word character, so that is its lower-cased text up to the
    first hyphen. A frame is read twice per article."""
    return tuple([w.lower().replace("\u2019", "'").split("-", 1)[0] for w in TOKEN_RE.findall(frame)])


@lru_cache(maxsize=512)
def _token_spans(frame: str) -> tuple[tuple[int, int], ...]:
    return tuple([m.span() for m in TOKEN_RE.finditer(frame)])


_ARTICLE_START = re.compile(r"^(the|a|an)\s+")
_SPACES = re.compile(r"[\s-]+")


@lru_cache(maxsize=1 << 16)
def _norm(s: str) -> str:
    s = s.lower().replace("\u2019", "'")
    s = _ARTICLE_START.sub("", s.strip())
    return _SPACES.sub(" ", s).strip(" ,.")


def _head(word: str) -> str:
    """A capitalised word as an ORG_HEADS key: lower case, without a possessive or a full stop."""
    w = word.lower().replace("\u2019", "'").strip(".")
    return w[:-2] if w.endswith("'s") else w


def _surname(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return ""
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(words[i:])


def _same_shape(a: str, b: str) -> bool:
    """Fuzzy name matches must agree on the first letter and word count (Zelensky ~ Zelenskyy)."""
    return a[:1] == b[:1] and len(a.split()) == len(b.split())
