"""Typed results of the analysis engine. Plain frozen dataclasses: easy to test, easy to store."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("commitment", "deflection", "position")
SUBTYPES = {
    "commitment": ("pledge", "agreement", "assurance", "refusal"),
    "deflection": ("declined", "deferred", "pivoted", "hedged"),
    "position": ("claim",),
}
STANCES = ("support", "oppose", "neutral")


@dataclass(frozen=True)
class OfficialEntry:
    """One person in the registry: canonical name, role phrases that can stand for them, spellings."""

    slug: str
    name: str
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class TopicEntry:
    """A topic and the proposition its stances refer to.

    `keywords` mark a sentence as being about the topic; `against` are phrases about the topic
    that point the opposite way of the proposition ("rate hike" for "cut interest rates"); `toward`
    phrases point its way ("lower rates"). A plain keyword ("interest rates") names the subject only."""

    slug: str
    title: str
    keywords: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    proposition: str = ""
    related: tuple[str, ...] = ()  # context words: count only when the article is about the topic
    toward: tuple[str, ...] = ()  # phrases pointing the proposition's way ("rate cuts" for "cut interest rates")
    more: tuple[str, ...] = ()  # things the proposition wants more of or kept ("tariffs", "checks")
    less: tuple[str, ...] = ()  # things the proposition wants less of or stopped ("rates", "coal plants")
    # names whose presence makes the topic's `related` words count in an article that never uses a
    # keyword ("Ukraine", "Kyiv" for military aid): see TopicMatcher.article_topics
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    officials: tuple[OfficialEntry, ...] = ()
    topics: tuple[TopicEntry, ...] = ()


@dataclass(frozen=True)
class TopicStance:
    """The statement's stance toward one topic, with the clause-level kind that decided it."""

    slug: str
    stance: str
    kind: str = "position"
    subtype: str = "claim"
    weakened: bool = False  # hedges or modal weakening ("could", "tentatively", "no longer")


@dataclass(frozen=True)
class Block:
    """A paragraph-level piece of the page and what role it plays."""

    start: int
    end: int
    role: str  # headline | byline | dateline | caption | bullet | link (a teaser for another article)
    #            | question | answer (an interview transcript's "Q:" and "A:" paragraphs) | body


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int
    index: int


@dataclass(frozen=True)
class Statement:
    """One sentence of speech attributed to a speaker (or unattributed), with its evidence."""

    speaker_slug: str | None
    speaker_name: str | None
    mention: str
    text: str
    start: int
    end: int
    direct: bool
    kind: str
    subtype: str
    cues: tuple[str, ...]
    topics: tuple[TopicStance, ...]
    sentence_index: int
    recap: bool = False  # the article repeats something said earlier ("In March, X had pledged ...")


@dataclass(frozen=True)
class Framing:
    """The reporter's words that an official's stance changed ("a marked change from his earlier
    insistence", "softened her tone"): evidence for the shift pass, not a statement."""

    speaker_slug: str
    type: str  # reversed | softened | strengthened | changed (a change whose direction is not said)
    cue: str  # the words as written
    start: int  # offset of the cue in the article text
    topics: tuple[str, ...] = ()  # topics the sentence names; empty: whatever the official spoke about


@dataclass(frozen=True)
class Analysis:
    statements: tuple[Statement, ...]
    discovered: tuple[OfficialEntry, ...] = field(default_factory=tuple)
    framings: tuple[Framing, ...] = field(default_factory=tuple)
