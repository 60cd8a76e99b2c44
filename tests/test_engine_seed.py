"""What a careful reader records from the seed article (shared/seeds/README.md)."""

from __future__ import annotations

import pytest

from bot.analysis.speakers import ArticleState
from bot.analysis.text import normalise


@pytest.fixture(scope="module")
def seed(engine, seed_input):
    text = normalise(seed_input.text)
    return text, engine.analyze_normalised(text).statements


def find(statements, fragment):
    hits = [s for s in statements if fragment in s.text]
    assert hits, f"no statement contains {fragment!r}"
    return hits[0]


def test_every_statement_is_rutte_and_offsets_point_at_the_text(seed):
    text, statements = seed
    assert len(statements) >= 10
    for s in statements:
        assert s.speaker_slug == "mark-rutte", s
        assert text[s.start:s.end] == s.text


def test_rutte_is_recognised_through_all_his_mentions(seed, engine):
    _text, statements = seed
    mentions = {s.mention for s in statements}
    assert {"Rutte", "He", "the NATO Secretary General"} <= mentions
    assert any(m.endswith("Mark Rutte") for m in mentions)
    state = ArticleState()
    found = engine.resolver.mentions("This is how the NATO leader responded to a question.", state)
    assert [(m.text, m.slug) for m in found] == [("the NATO leader", "mark-rutte")]


@pytest.mark.parametrize("fragment, subtype", [
    ("refrained from commenting on the possibility", "declined"),
    ("refrained from directly answering", "declined"),
    ("That will be a step-by-step approach", "deferred"),
    ("This is happening step by step", "deferred"),
    ("And what is necessary now", "pivoted"),
])
def test_deflections(seed, fragment, subtype):
    s = find(seed[1], fragment)
    assert (s.kind, s.subtype) == ("deflection", subtype)


@pytest.mark.parametrize("fragment, subtype", [
    ("it is crucial that more military aid will be bumped", "pledge"),
    ("Allies have agreed that the future of Ukraine is in NATO", "agreement"),
    ("we agreed on the irreversible path towards NATO", "agreement"),
])
def test_commitments(seed, fragment, subtype):
    s = find(seed[1], fragment)
    assert (s.kind, s.subtype) == ("commitment", subtype)
    assert s.cues, "every label must be explainable by its cues"


def test_topics_and_stances(seed):
    statements = seed[1]
    topics = {t.slug for s in statements for t in s.topics}
    assert {"ukraine-membership", "military-aid", "peace-talks"} <= topics
    future = find(statements, "the future of Ukraine is in NATO")
    assert {t.slug: t.stance for t in future.topics}["ukraine-membership"] == "support"
    aid = find(statements, "more military aid will be bumped")
    assert {t.slug: t.stance for t in aid.topics}["military-aid"] == "support"
    declined = find(statements, "refrained from directly answering")
    assert {t.slug: t.stance for t in declined.topics}["ukraine-membership"] == "neutral"
    lead = {t.slug: t.stance for t in find(statements, "refrained from commenting on the possibility").topics}
    assert lead["ukraine-membership"] == "neutral" and lead["military-aid"] == "support"


def test_direct_and_indirect(seed):
    statements = seed[1]
    assert find(statements, "Allies have agreed").direct is True
    assert find(statements, "refrained from directly answering").direct is False
