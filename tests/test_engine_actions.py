"""Action direction: a verb class acting on a topic's `more`/`less` thing sets the stance sign."""

from __future__ import annotations

import pytest

from bot.analysis.lexicon import load_lexicon


def _stance(engine, text, slug):
    statements = engine.analyze(text).statements
    assert statements, text
    return {t.slug: t.stance for t in statements[0].topics}[slug]


def _direction(engine, clause, slug):
    hit = engine.topics.action(clause, slug, load_lexicon())
    return None if hit is None else hit[0]


@pytest.mark.parametrize(("clause", "slug", "direction"), [
    ("the bank will cut rates", "interest-rates", 1),  # decrease x less
    ("the bank will keep rates high", "interest-rates", -1),  # continue x less
    ("rates will fall next year", "interest-rates", 1),  # intransitive decrease x less
    ("rates will stay where they are", "interest-rates", -1),
    ("we will impose tariffs on steel", "tariffs", 1),
    ("we will stop imposing tariffs", "tariffs", -1),  # stop x impose: verbs compose
    ("we will not lower the duties", "tariffs", 1),  # negation flips
    ("new tariffs are coming", "tariffs", 1),  # quantity word
    ("the coal plants will run for years", "fossil-fuel-phaseout", -1),
    ("the coal plants will not close", "fossil-fuel-phaseout", -1),
    ("we will close the last two coal units", "fossil-fuel-phaseout", 1),
    ("the checks on the eastern border would be scaled back", "migration-controls", -1),  # passive
    ("the target is no longer realistic", "climate-targets", -1),
    ("the sanctions will remain in place", "russia-sanctions", 1),
])
def test_verb_class_times_thing_sign(engine, clause, slug, direction):
    assert _direction(engine, clause, slug) == direction


@pytest.mark.parametrize(("clause", "slug"), [
    ("an end to the war is near", "gaza-ceasefire"),  # "end" after a determiner is a noun
    ("asked whether to cut rates", "interest-rates"),  # a question
    ("if Washington goes ahead with tariffs", "tariffs"),  # a condition
    ("since the bank began raising rates", "interest-rates"),  # history
    ("the interest rates page", "interest-rates"),  # no verb
])
def test_no_action_read(engine, clause, slug):
    assert _direction(engine, clause, slug) is None


def test_commitment_to_the_wrong_thing_opposes(engine):
    text = "Energy Minister Ana Pop said the country's coal plants will run for as long as they are needed."
    assert _stance(engine, text, "fossil-fuel-phaseout") == "oppose"
    text = "Energy Minister Ana Pop said the government would build two new coal-fired plants."
    assert _stance(engine, text, "fossil-fuel-phaseout") == "oppose"


def test_commitment_to_the_right_thing_supports(engine):
    text = "Energy Minister Ana Pop said the government would close the last coal units by 2030."
    assert _stance(engine, text, "fossil-fuel-phaseout") == "support"


def test_evaluative_word_turns_the_action_round(engine):
    text = "\"Scrapping the tariffs now would be a mistake,\" Trade Minister Lena Kowalczyk said."
    assert _stance(engine, text, "tariffs") == "support"


def test_declined_statement_stays_neutral_whatever_the_action(engine):
    text = "Governor Ingrid Halvorsen declined to say whether the bank would cut interest rates in June."
    assert _stance(engine, text, "interest-rates") == "neutral"


@pytest.mark.parametrize(("clause", "slug", "direction"), [
    ("we will not close a single plant this winter", "fossil-fuel-phaseout", -1),  # "plant" is one of the "plants"
    ("the government will add one more border check", "migration-controls", 1),
    ("firms keep finding ways to circumvent the sanctions", "russia-sanctions", -1),  # getting round a rule defeats it
    ("we will not get around the debt brake", "fiscal-stimulus", -1),
])
def test_singular_things_and_circumvention_verbs(engine, clause, slug, direction):
    assert _direction(engine, clause, slug) == direction


def test_a_judgement_of_the_people_acted_on_is_no_judgement_of_the_action(engine):
    text = ('Interior Minister Lena Varga said on Monday that the country would speed up the deportations '
            'of people whose asylum claims had been rejected.')
    assert _stance(engine, text, "migration-controls") == "support"


def test_a_negator_denies_a_judgement_only_when_it_governs_it(engine):
    # "will not repeat that mistake" still calls the action a mistake; "would not be a mistake" denies it
    repeated = ('"Cutting public investment is a false economy, and we will not repeat that mistake," '
                'Finance Minister Lena Varga said.')
    denied = '"Scrapping the tariffs would not be a mistake," Trade Minister Lena Varga said.'
    assert _stance(engine, repeated, "fiscal-stimulus") == "support"
    assert _stance(engine, denied, "tariffs") == "oppose"
