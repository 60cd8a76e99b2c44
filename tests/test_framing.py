"""The report's own words that a stance changed: found, given to the right person, used by the shift pass."""

from __future__ import annotations

from datetime import date

from bot.analysis.shifts import compare
from bot.sources import ArticleInput


def framings(engine, text, published=None):
    return [(f.speaker_slug, f.type, f.cue) for f in engine.analyze_normalised(text, published).framings]


def test_a_named_reversal_is_given_to_the_person_before_it(engine):
    text = ("Minister changes course on border checks\n"
            "In a marked reversal, Interior Minister Anna Lindqvist said on Tuesday that the checks would end in June. "
            "\"They have done their job,\" she said.")
    assert framings(engine, text) == [("anna-lindqvist", "reversed", "reversal")]


def test_softening_and_firming_words_carry_their_direction(engine):
    soft = framings(engine, "Finance Minister Tomas Berglund softened his stance on the tariffs on Friday, "
                            "saying the duties could be phased in.")
    firm = framings(engine, "Finance Minister Tomas Berglund struck a far more confident tone on Friday, "
                            "saying the duties would come in July.")
    assert [f[:2] for f in soft] == [("tomas-berglund", "softened")]
    assert [f[:2] for f in firm] == [("tomas-berglund", "strengthened")]


def test_a_change_only_asked_about_has_no_direction(engine):
    text = ("Finance Minister Tomas Berglund said the duties would be phased in. "
            "Asked whether he had softened his stance, Berglund said the goal had not moved.")
    assert [f[:2] for f in framings(engine, text)] == [("tomas-berglund", "changed")]


def test_denied_quoted_and_old_changes_are_not_framing(engine):
    denied = "Finance Minister Tomas Berglund has given no sign of retreat, telling reporters the duties stay."
    quoted = "\"We have not softened anything,\" Finance Minister Tomas Berglund said."
    old = ("Finance Minister Tomas Berglund said on Monday the duties would stay. "
           "He reversed course in August, saying the levy was too high.")
    assert framings(engine, denied) == []
    assert framings(engine, quoted) == []
    assert framings(engine, old, date(2025, 11, 3)) == []


def test_unnamed_framing_goes_to_the_speaker_just_quoted(engine):
    text = ("\"We will send engineers and medics,\" Defence Minister Orla Brennan said on Thursday.\n"
            "It is a striking change for a minister who ruled out any deployment in March.")
    assert [f[:2] for f in framings(engine, text)] == [("orla-brennan", "changed")]


def test_framing_lowers_the_bar_only_in_its_own_direction():
    assert compare(-0.46, -0.03).type == "softened"
    assert compare(-0.46, -0.03, framing="reversed").type == "reversed"  # moved toward the other side
    assert compare(0.6, 0.5) is None
    assert compare(0.6, 0.5, framing="softened").type == "softened"
    assert compare(0.6, 0.7, framing="softened") is None  # the positions moved the other way
    assert compare(0.45, 0.65) is None
    assert compare(0.45, 0.65, framing="changed").type == "strengthened"
    assert compare(0.45, 0.65, framing="reversed").type == "strengthened"  # the direction the positions show
    assert compare(-0.28, 0.62, framing="changed").type == "strengthened"  # no reversal from a side that was never firm
    assert compare(-0.28, 0.62, framing="reversed").type == "reversed"


def test_from_a_weak_lean_the_other_way_to_a_firm_stance_is_firming_up():
    assert compare(-0.10, 0.41).type == "strengthened"  # the whole move counts, not the change of size
    assert compare(-0.10, 0.41, before_peak=1.0, after_peak=0.9).type == "strengthened"  # the old peak was the other side's
    assert compare(-0.20, 0.20) is None  # weak on both sides: no firm stance reached
    assert compare(0.10, 0.41, before_peak=1.0, after_peak=0.9) is None  # same side after a firm commitment: a restatement


FIRST = ArticleInput(
    title="Berglund backs tariffs on steel", outlet="Test Wire", url="https://wire.test/berglund-1",
    published=date(2025, 3, 4),
    text=("Berglund backs tariffs on steel\n"
          "Trade Minister Tomas Berglund said on Tuesday that the government would impose tariffs on imported steel. "
          "\"We will impose tariffs on steel from July,\" Berglund said."))
SECOND = ArticleInput(
    title="Berglund softens line on steel tariffs", outlet="Test Wire", url="https://wire.test/berglund-2",
    published=date(2025, 6, 4),
    text=("Berglund softens line on steel tariffs\n"
          "Trade Minister Tomas Berglund softened his stance on steel tariffs on Wednesday. "
          "\"We will impose tariffs on steel, but the date could change,\" Berglund said."))


def test_the_shift_pass_uses_and_quotes_the_reports_words(service):
    service.ingest(FIRST)
    service.ingest(SECOND)
    shifts = [s for s in service.check() if s["topic"] == "tariffs"]
    assert [s["type"] for s in shifts] == ["softened"]
    assert "The report\u2019s own words: \u201csoftens line on steel tariffs\u201d" in shifts[0]["explanation"]
