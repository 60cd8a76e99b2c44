"""Vocabulary of the NATO / Ukraine topics (seeds/topics.toml), on short sentences written for the test.

Each sentence is the whole article unless a lead is given: words that count only in an article
already about a topic ("membership", "ceasefire", "fair share") get a headline and lead naming it."""

from __future__ import annotations

import pytest


def stances(engine, text):
    statements = engine.analyze(text).statements
    assert statements, f"no statement in {text!r}"
    return {t.slug: t.stance for t in statements[-1].topics}


@pytest.mark.parametrize("text, slug, stance", [
    # membership of NATO
    ("Mark Rutte said Ukraine was on an irreversible path to NATO membership.", "ukraine-membership", "support"),
    ("Ukrainian President Volodymyr Zelensky said the alliance should extend an invitation to Ukraine at the summit.",
     "ukraine-membership", "support"),
    ("Mark Rutte said there was no consensus among allies on inviting Ukraine.", "ukraine-membership", "oppose"),
    ("Kremlin spokesman Dmitry Peskov said Ukraine must renounce NATO membership and accept neutral status.",
     "ukraine-membership", "oppose"),
    ("Volodymyr Zelensky said Ukraine would not give up its NATO bid.", "ukraine-membership", "support"),
    # military aid
    ("NATO Secretary General Mark Rutte said allies would send more air defence systems to Ukraine.",
     "military-aid", "support"),
    ("Pete Hegseth said Washington would keep providing Patriot interceptors to Kyiv.", "military-aid", "support"),
    ("Pete Hegseth said the Pentagon had paused some weapons shipments to Ukraine.", "military-aid", "oppose"),
    # peace talks
    ("Volodymyr Zelensky said Ukraine was ready for an unconditional ceasefire with Russia.", "peace-talks", "support"),
    ("Kremlin spokesman Dmitry Peskov said there would be no talks with Kyiv.", "peace-talks", "oppose"),
    # troops
    ("Emmanuel Macron said France was ready to send troops to Ukraine as part of a reassurance force.",
     "troops-deployment", "support"),
    ("Vladimir Putin said any Western troops in Ukraine would be legitimate targets.", "troops-deployment", "oppose"),
    # defence spending
    ("Mark Rutte said allies had agreed to spend 5% of GDP on defence by 2035.", "defence-spending", "support"),
    ("Spanish Prime Minister Pedro Sanchez said Spain would not commit to the 5% target.", "defence-spending", "oppose"),
    # sanctions
    ("Kaja Kallas said the EU would roll over sanctions on Russia for another six months.", "russia-sanctions", "support"),
    ("Hungarian Prime Minister Viktor Orban said sanctions on Russia should be lifted.", "russia-sanctions", "oppose"),
])
def test_topic_and_stance(engine, text, slug, stance):
    assert stances(engine, text).get(slug) == stance


@pytest.mark.parametrize("lead, text, slug, stance", [
    ("NATO allies split over Ukraine's membership bid\nAllies met in Brussels to discuss Ukraine's bid to join NATO.",
     "Mark Rutte said membership was not on the agenda at the summit.", "ukraine-membership", "oppose"),
    ("NATO allies split over Ukraine's membership bid\nAllies met in Brussels to discuss Ukraine's bid to join NATO.",
     "Vladimir Putin said NATO expansion was a root cause of the war.", "ukraine-membership", "oppose"),
    ("Envoys meet for Russia-Ukraine peace talks\nDelegations met in Istanbul for peace talks.",
     "Mark Rutte said the war must end with a negotiated settlement.", "peace-talks", "support"),
    ("NATO allies agree new defence spending target\nAllies agreed to raise defence spending at the summit.",
     "Donald Trump said European allies must pay their fair share.", "defence-spending", "support"),
])
def test_context_words_in_an_article_about_the_topic(engine, lead, text, slug, stance):
    assert stances(engine, f"{lead} {text}").get(slug) == stance


def test_deflection_takes_no_side(engine):
    statements = engine.analyze("NATO summit opens\nAllies discussed NATO membership for Ukraine. "
                                "Mark Rutte declined to say when Ukraine might be invited.").statements
    s = statements[-1]
    assert (s.kind, s.subtype) == ("deflection", "declined")
    assert {t.slug: t.stance for t in s.topics} == {"ukraine-membership": "neutral"}


@pytest.mark.parametrize("text", [
    "Finance Minister Lena Varga said the deficit would reach 3% of GDP next year.",
    "Trade Minister Lena Kowalczyk said a negotiated settlement with Washington was possible.",
    "Finnish President Alexander Stubb said Finland's accession had strengthened the alliance.",
])
def test_other_stories_are_not_tagged(engine, text):
    found = stances(engine, text)
    assert not {"defence-spending", "peace-talks", "ukraine-membership"} & set(found)


@pytest.mark.parametrize("text, wrong", [
    ("Kremlin spokesman Dmitry Peskov said Moscow was open to a truce in Ukraine.", "gaza-ceasefire"),
    ("Volodymyr Zelensky said Russian troops had advanced near Pokrovsk overnight.", "troops-deployment"),
])
def test_generic_war_words_do_not_pull_in_other_topics(engine, text, wrong):
    assert wrong not in stances(engine, text)
