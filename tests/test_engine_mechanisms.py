"""General mechanisms of the engine, each on a short text written for the test."""

from __future__ import annotations

from bot.analysis.classify import classify_statement
from bot.analysis.text import normalise, quote_spans, split_blocks, split_sentences


def analyze(engine, text):
    return engine.analyze(text).statements


def by_text(statements, fragment):
    hits = [s for s in statements if fragment in s.text]
    assert hits, f"no statement contains {fragment!r}: {[s.text for s in statements]}"
    return hits[0]


def test_sentence_split_protects_abbreviations_and_initials():
    text = "Mr. Powell spoke at 2 p.m. on Tuesday. Jerome H. Powell then left. The U.S. economy grew."
    blocks = split_blocks(text)
    sentences = [text[s.start:s.end] for s in split_sentences(text, blocks)]
    assert sentences == ["Mr. Powell spoke at 2 p.m. on Tuesday.", "Jerome H. Powell then left.", "The U.S. economy grew."]


def test_quote_left_open_continues_into_next_paragraph():
    text = normalise('Intro line here.\n\u201cFirst part of the quote.\n\u201cSecond part,\u201d she said.')
    spans = quote_spans(text, split_blocks(text))
    assert len(spans) == 2 and spans[0][2] == spans[1][2]


def test_new_official_discovered_with_title_then_surname_and_pronoun(engine):
    text = ("Rates stay high, bank says\n"
            "Bank of Norland Governor Ingrid Halvorsen said on Monday that the bank would not cut interest rates this year. "
            "\"We will keep policy tight until inflation is beaten,\" Halvorsen told reporters. "
            "She declined to comment on the currency.")
    analysis = engine.analyze(text)
    assert [o.slug for o in analysis.discovered] == ["ingrid-halvorsen"]
    assert any("Governor" in t for t in analysis.discovered[0].titles)
    speakers = {s.speaker_slug for s in analysis.statements}
    assert speakers == {"ingrid-halvorsen"}
    declined = by_text(analysis.statements, "declined to comment")
    assert (declined.kind, declined.subtype, declined.mention) == ("deflection", "declined", "She")


def test_speaker_named_in_the_following_sentence(engine):
    text = ("Body starts here with some context about the decision on tariffs.\n"
            "\"We will not retaliate this week. Talks come first.\"\n"
            "Those were the words of Trade Minister Lena Kowalczyk after the cabinet met.")
    statements = analyze(engine, text)
    s = by_text(statements, "We will not retaliate")
    assert s.speaker_slug == "lena-kowalczyk" and s.direct


def test_spelling_variant_resolves_to_registry_official(engine):
    statements = analyze(engine, "Ukrainian President Volodymyr Zelenskyi said the talks must continue.")
    assert statements[0].speaker_slug == "volodymyr-zelensky"


def test_anonymous_source_is_unattributed(engine):
    statements = analyze(engine, "A senior EU diplomat said the sanctions package would be delayed again.")
    assert len(statements) == 1 and statements[0].speaker_slug is None


def test_narration_without_speech_is_not_a_statement(engine):
    statements = analyze(engine, "Mark Rutte arrived in Brussels on Monday. He responded to a question from a reporter.")
    assert statements == ()


def test_negation_and_refusal_stances(engine):
    statements = analyze(engine, (
        "Mark Rutte said allies had never promised membership to anyone.\n"
        "Rutte said troops in Ukraine were out of the question.\n"
        "Rutte said the priority was military aid, not NATO membership."))
    first, second, third = statements
    assert {t.slug: t.stance for t in first.topics}["ukraine-membership"] == "oppose"
    assert (second.kind, second.subtype) == ("commitment", "refusal")
    assert {t.slug: t.stance for t in second.topics}["troops-deployment"] == "oppose"
    assert {t.slug: t.stance for t in third.topics}["ukraine-membership"] == "oppose"


def test_hedge_is_a_deflection(engine):
    s = analyze(engine, "Christine Lagarde said it was very difficult to predict when interest rates would fall.")[0]
    assert (s.kind, s.subtype) == ("deflection", "hedged")
    assert "difficult to predict" in " ".join(s.cues)


def test_according_to_attribution(engine):
    s = analyze(engine, "According to Jerome Powell, the economy remains strong and rates will stay high for now.")[0]
    assert s.speaker_slug == "jerome-powell" and not s.direct


def test_headline_surname_resolves_to_full_name_introduced_later(engine):
    text = ("Brandt says tariffs will stay\n"
            "Trade Minister Helga Brandt said on Monday that the tariffs on steel would remain in place.")
    analysis = engine.analyze(text)
    assert [o.slug for o in analysis.discovered] == ["helga-brandt"]
    assert {s.speaker_slug for s in analysis.statements} == {"helga-brandt"}


def test_reported_would_is_read_as_will_and_cue_quotes_the_original(engine):
    statements = analyze(engine, "Trade Minister Helga Brandt said the government would impose tariffs on steel.")
    s = statements[0]
    assert (s.kind, s.subtype) == ("commitment", "pledge")
    assert any(c.startswith("would") for c in s.cues)
    refusal = analyze(engine, "Trade Minister Helga Brandt said Norland would not lift tariffs on steel.")[0]
    assert (refusal.kind, refusal.subtype) == ("commitment", "refusal")


def test_bare_modal_in_a_forecast_stays_a_claim(engine):
    s = analyze(engine, "Trade Minister Helga Brandt said the tariffs could push prices up next year.")[0]
    assert (s.kind, s.subtype) == ("position", "claim")


def test_article_focus_topic_reaches_statements_without_topic_words(engine):
    text = ("Norland raises tariffs on steel\n"
            "Norland will raise tariffs on imported steel, Trade Minister Helga Brandt said. "
            "The tariffs take effect in May. Critics say tariffs hurt buyers.\n"
            "\"We have a deal with our partners on the timing,\" Brandt said.")
    s = by_text(engine.analyze(text).statements, "We have a deal")
    assert [t.slug for t in s.topics] == ["tariffs"]


def test_keyword_inside_a_longer_keyword_of_another_topic_does_not_count(engine):
    s = analyze(engine, "Commissioner Anna Berg said EU membership for the candidates was within reach.")[0]
    assert [t.slug for t in s.topics] == ["eu-enlargement"]


def test_generic_against_word_needs_the_topic_in_the_article(engine):
    s = analyze(engine, "Interior Minister Lars Holm said the government would tighten asylum rules.")[0]
    assert "interest-rates" not in {t.slug for t in s.topics}
    assert "migration-controls" in {t.slug for t in s.topics}


def _stance(statement, slug):
    return {t.slug: t.stance for t in statement.topics}[slug]


def test_toward_phrase_sets_direction_without_any_evaluative_cue(engine):
    s = analyze(engine, "Governor Ingrid Halvorsen said the bank could now begin lowering interest rates.")[0]
    assert _stance(s, "interest-rates") == "support"
    s = analyze(engine, "Governor Ingrid Halvorsen said interest rates would stay on hold for now.")[0]
    assert _stance(s, "interest-rates") == "oppose"


def test_denied_toward_phrase_points_the_other_way(engine):
    s = analyze(engine, "Governor Ingrid Halvorsen said interest rate cuts did not come up at the meeting.")[0]
    assert _stance(s, "interest-rates") == "oppose"


def test_negated_commitment_cue_counts_against(engine):
    s = analyze(engine, "Interior Minister Lars Holm vowed that the country would not toughen its asylum rules.")[0]
    assert _stance(s, "migration-controls") == "oppose"


def test_hedged_statement_takes_no_side(engine):
    s = analyze(engine, "Governor Ingrid Halvorsen said further rate cuts will depend on the data.")[0]
    assert _stance(s, "interest-rates") == "neutral"


def test_plain_claim_takes_the_speakers_line_in_the_article(engine):
    statements = analyze(engine, "Governor Ingrid Halvorsen said the bank must cut interest rates soon. "
                                 "Halvorsen said she backed lower interest rates. "
                                 "Halvorsen also said interest rates were discussed at length.")
    assert _stance(by_text(statements, "discussed at length"), "interest-rates") == "support"


def test_registry_reads_toward_phrases():
    from bot.analysis.registry import parse_registry_toml
    reg = parse_registry_toml('[[topic]]\nslug = "x"\nkeywords = ["widgets"]\ntoward = ["More Widgets"]\n')
    assert reg.topics[0].toward == ("more widgets",)


def test_refusing_a_retreat_is_firmness(engine):
    s = analyze(engine, "Trade Minister Lena Kowalczyk said the government would not back down on tariffs.")[0]
    assert _stance(s, "tariffs") == "support"


def test_cue_inside_the_directed_phrase_counts_once(engine):
    s = analyze(engine, "Trade Minister Lena Kowalczyk said the government would scrap tariffs on steel.")[0]
    assert _stance(s, "tariffs") == "oppose"


def test_phrase_in_a_since_clause_is_history(engine):
    s = analyze(engine, "Governor Ingrid Halvorsen said interest rates have done their work since the bank "
                        "began raising rates.")[0]
    assert _stance(s, "interest-rates") == "neutral"


def test_contrast_last_pointing_clause_decides(engine):
    text = ("Central bank holds interest rates\nThe bank kept interest rates on hold. Governor Ingrid Halvorsen "
            "said inflation had eased, which is welcome, but inflation remains well above the target.")
    s = by_text(analyze(engine, text), "which is welcome")
    assert _stance(s, "interest-rates") == "oppose"


def test_headline_comma_before_a_new_verb_splits_clauses(engine):
    s = analyze(engine, "Minister Lena Kowalczyk rejects new tariffs, urges talks with Washington")[0]
    assert _stance(s, "tariffs") == "oppose"


def test_dispreferred_alternative_is_opposed(engine):
    s = analyze(engine, "Minister Lena Kowalczyk said Europe should invest at home rather than impose tariffs.")[0]
    assert _stance(s, "tariffs") == "oppose"


def test_spelled_out_time_ago_is_a_recap():
    from bot.analysis.recap import is_recap
    assert is_recap("Four months ago, she said")
    assert not is_recap("She said on Tuesday")


def test_negator_inside_an_assurance_is_firmness_not_opposition(engine):
    text = '"There is no turning back on EU enlargement," Commission President Ursula von der Leyen said.'
    s = by_text(analyze(engine, text), "no turning back")
    assert (s.kind, s.subtype) == ("commitment", "assurance")
    assert {t.slug: t.stance for t in s.topics} == {"eu-enlargement": "support"}


def test_refusal_of_something_else_takes_no_side_on_an_unnamed_topic(engine):
    text = ("The European Union imposed new tariffs on steel on Monday, Trade Commissioner Maros Sefcovic said. "
            '"We will not hesitate to act against anyone who breaks the rules," Sefcovic told reporters.')
    s = by_text(analyze(engine, text), "We will not hesitate")
    assert all(t.stance != "oppose" for t in s.topics)


def test_plain_future_commits_only_an_actor(engine):
    text = ('"If the other side accepts the tariffs deal, the fighting over trade will stop," '
            "Trade Minister Lena Kowalczyk said.")
    s = by_text(analyze(engine, text), "will stop")
    assert s.kind == "position"
    s = by_text(analyze(engine, '"We will impose tariffs on steel," Trade Minister Lena Kowalczyk said.'), "We will")
    assert (s.kind, s.subtype) == ("commitment", "pledge")


def test_uncertainty_as_a_noun_is_not_a_hedge(engine):
    text = '"Uncertainty about tariffs is hurting investment," Trade Minister Lena Kowalczyk said.'
    s = by_text(analyze(engine, text), "Uncertainty")
    assert s.kind == "position"


def test_cannot_promise_and_gave_assurances(engine):
    statements = analyze(engine, "Trade Minister Lena Kowalczyk said she could not promise that tariffs would fall. "
                                 "She gave assurances that exporters would not be left without support.")
    assert by_text(statements, "could not promise").subtype == "hedged"
    assert by_text(statements, "gave assurances").subtype == "assurance"


def test_reported_content_before_a_final_attribution(engine):
    text = ("Trade Minister Lena Kowalczyk spoke in Warsaw. "
            "The first list of American goods will face a 25% levy from Tuesday, she said.")
    s = by_text(analyze(engine, text), "25% levy")
    assert s.speaker_slug == "lena-kowalczyk"


def test_passive_future_government_act_is_a_pledge_with_the_verbs_direction(engine):
    s = analyze(engine, "Interior Minister Anna Berg said the new asylum rules would be published within days.")[0]
    assert (s.kind, s.subtype) == ("commitment", "pledge")
    assert "would be published" in s.cues
    # the passive cue casts no vote of its own: "scaled back" decides, against tougher controls
    kind, _sub, _cues, topics = classify_statement(
        "the border checks would be scaled back to spot checks from November", engine.lexicon, engine.topics,
        ("migration-controls",), reported=True)
    assert kind == "commitment" and topics[0].stance == "oppose"


def test_assurance_without_the_usual_cue_words(engine):
    for text in ("The legal end date of 2038 stands.", "The coal phase-out is still on track.",
                 "The rules will apply as planned.", "Nobody in this government is questioning the coal exit.",
                 "The door is open for every country that does the work.", "Italy can count on the European Union."):
        kind, subtype, _cues, _topics = classify_statement(text, engine.lexicon, engine.topics)
        assert (kind, subtype) == ("commitment", "assurance"), text
    # "did not go as planned" reports a failure, not an assurance
    assert classify_statement("The rollout did not go as planned.", engine.lexicon, engine.topics)[0] == "position"


def test_nobody_should_read_this_as_keeps_the_denied_reading_flipped(engine):
    kind, subtype, _cues, topics = classify_statement(
        "Nobody should read this as an open door", engine.lexicon, engine.topics, ("migration-controls",))
    assert (kind, subtype) == ("commitment", "assurance")
    assert topics[0].stance != "oppose"


def test_headline_name_to_verb_is_a_pledge_but_a_gerund_is_not(engine):
    assert classify_statement("Romania to close last coal units by 2032, energy minister says",
                              engine.lexicon, engine.topics)[:2] == ("commitment", "pledge")
    assert classify_statement("Borrowing to invest in things that pay for themselves is not reckless",
                              engine.lexicon, engine.topics)[0] == "position"


def test_burden_language_opposes_and_swallows_its_own_going_to(engine):
    _k, _s, _c, topics = classify_statement("Families are going to pay for this in their energy bills",
                                            engine.lexicon, engine.topics, ("climate-targets",))
    assert topics[0].stance == "oppose"
    _k, _s, _c, topics = classify_statement("More borrowing now would be a false economy", engine.lexicon, engine.topics)
    assert dict((t.slug, t.stance) for t in topics).get("fiscal-stimulus") == "oppose"


def test_pressed_question_is_the_reporters_like_asked(engine):
    for lead in ("asked", "pressed on"):
        clause = f"{lead} whether the bank would raise rates, she said cutting rates was some way off"
        found = engine.topics.direction(clause, "interest-rates")
        assert found is not None and found[1] > clause.index(","), lead  # the answer's phrase decides


def test_possessive_qualifier_is_not_part_of_a_new_name(engine):
    text = ("Norland's Halvorsen rules out rate cut\n"
            "Central bank Governor Ingrid Halvorsen said on Monday that the bank would hold rates. "
            "Asked about the White House's repeated attacks on the bank, Halvorsen declined to comment.")
    analysis = engine.analyze(text)
    assert [o.slug for o in analysis.discovered] == ["ingrid-halvorsen"]
    assert {s.speaker_slug for s in analysis.statements} == {"ingrid-halvorsen"}


def test_organisation_and_place_names_are_not_discovered_as_people(engine):
    text = ("Watchdog stays silent\n"
            "Richard Hughes, the chair of the Office for Budget Responsibility, declined to say whether the rule was "
            "credible. Families of hostages in Tel Aviv said they would not celebrate yet.")
    analysis = engine.analyze(text)
    assert [o.slug for o in analysis.discovered] == ["richard-hughes"]
    assert by_text(analysis.statements, "declined to say").speaker_slug == "richard-hughes"


def test_honorific_is_a_qualifier_and_tells_the_gender(engine):
    text = ("Levy row\n"
            "Finance Minister Anna Berg met Economy Minister Tomas Lind on Monday. Ms Berg said the levy would stay. "
            "Mr Lind said the levy should go.\n"
            "She added that schools needed the money.")
    analysis = engine.analyze(text)
    assert sorted(o.slug for o in analysis.discovered) == ["anna-berg", "tomas-lind"]
    assert by_text(analysis.statements, "schools needed").speaker_slug == "anna-berg"


def test_pronoun_skips_the_speaker_of_the_other_gender(engine):
    text = ("Ministers split on levy\n"
            "Finance Minister Anna Berg said on Monday the levy would stay. She said it raised money for schools. "
            "Economy Minister Tomas Lind, speaking in Oslo, Norland, said he wanted the levy gone by spring.\n"
            "\"It is a tax on growth and it must go,\" Lind said.\n"
            "She said the cabinet would decide next week.")
    statements = analyze(engine, text)
    assert by_text(statements, "speaking in Oslo").speaker_slug == "tomas-lind"
    assert by_text(statements, "tax on growth").speaker_slug == "tomas-lind"
    assert by_text(statements, "cabinet would decide").speaker_slug == "anna-berg"


def test_bare_title_does_not_match_a_ranked_office(engine):
    text = ("Tariff talks\n"
            "The talks gained urgency after Prime Minister Karl Dorn met the president. "
            "\"We will keep our duties in place,\" Trade Minister Ilse Vogt said.\n"
            "The minister said the duties would stay until the talks ended.")
    statements = analyze(engine, text)
    assert by_text(statements, "duties would stay").speaker_slug == "ilse-vogt"


def test_name_inside_a_relative_clause_is_not_the_subject(engine):
    text = ("Province hits back\n"
            "Premier Doug Renfrew, who this week suspended a surcharge on power exported to Michigan and New York, "
            "said the province would not back down.")
    statements = analyze(engine, text)
    assert by_text(statements, "would not back down").speaker_slug == "doug-renfrew"


def test_conditioned_commitment_keeps_its_kind_and_direction(engine):
    from bot.analysis.lexicon import load_lexicon
    kind, subtype, _cues, stances = classify_statement(
        "We stand ready to cut interest rates further should that be warranted.", load_lexicon(), engine.topics)
    assert (kind, subtype) == ("commitment", "pledge")
    assert stances[0].stance == "support" and stances[0].weakened
    # a conditioned plain future is a forecast, and a condition alone still hedges
    kind, _s, _c, _t = classify_statement("Rates could fall only if inflation eases.", load_lexicon(), engine.topics)
    assert kind == "deflection"


def test_promised_process_takes_no_side(engine):
    from bot.analysis.lexicon import load_lexicon
    _k, _s, _c, stances = classify_statement("We will look at the tariffs carefully and then we will decide.",
                                             load_lexicon(), engine.topics)
    assert {t.slug: t.stance for t in stances} == {"tariffs": "neutral"}


def test_speaker_line_weighs_commitments_and_a_clear_lead():
    from bot.analysis.extract import _line
    assert _line(["support"]) == "support"  # one-sided
    assert _line(["support", "support", "oppose"]) is None  # no clear lead
    assert _line(["oppose"] * 2 + ["oppose"] * 2 + ["support"]) == "oppose"  # a commitment (x2) and a claim lead by 3


def test_plants_that_stay_open_oppose_a_phase_out(engine):
    from bot.analysis.lexicon import load_lexicon
    hit = engine.topics.action("the plants will stay open", "fossil-fuel-phaseout", load_lexicon())
    assert hit is not None and hit[0] == -1


def test_declining_one_topic_while_pivoting_to_another_keeps_the_pivot_stance(engine):
    s = analyze(engine, "Christine Lagarde refrained from commenting on tariffs, instead stressing that "
                        "interest rates must be cut soon.")[0]
    stances = {t.slug: t.stance for t in s.topics}
    assert (s.kind, s.subtype) == ("deflection", "declined")
    assert stances["tariffs"] == "neutral" and stances["interest-rates"] == "support"


def test_a_pivot_takes_no_side_on_the_topic_it_turns_away_from(engine):
    statements = analyze(engine, (
        "Christine Lagarde said interest rates would be cut in June.\n"
        "\"It is happening step by step. What is necessary now is to watch the data,\" she said."))
    pivot = by_text(statements, "What is necessary now")
    assert (pivot.kind, pivot.subtype) == ("deflection", "pivoted")
    assert all(t.stance == "neutral" for t in pivot.topics if t.slug == "interest-rates")


def test_a_future_with_an_impersonal_subject_is_a_forecast(engine):
    from bot.analysis.lexicon import load_lexicon
    lexicon = load_lexicon()
    for text in ("Inflation will not be beaten quickly.", "She said the trend would continue next year.",
                 "Prices will remain high for some time."):
        kind, _s, _c, _t = classify_statement(text, lexicon, engine.topics, reported="said" in text)
        assert kind == "position", text
    kind, _s, _c, _t = classify_statement("We will keep rates on hold.", lexicon, engine.topics)
    assert kind == "commitment"


def test_multi_word_keywords_match_either_number(engine):
    assert {hit[0] for hit in engine.topics.find("The 2040 climate goal stands.")} == {"climate-targets"}
    assert {hit[0] for hit in engine.topics.find("One coal plant is left.")} == {"fossil-fuel-phaseout"}


def test_a_context_word_of_another_topic_does_not_pull_a_sentence_from_the_story(engine):
    text = ("EU backs 90% emissions cut for 2040 as climate target row goes on\n"
            "Ministers agreed the 2040 climate target on Monday. The climate target is binding, and the climate "
            "target will be reviewed. The plan also mentions coal power.\n"
            "\"We will not leave farmers alone with this transition,\" Commissioner Anna Berg said.")
    s = by_text(analyze(engine, text), "transition")
    assert {t.slug for t in s.topics} == {"climate-targets"}


def test_a_short_story_that_names_one_topic_in_its_lead_is_about_it(engine):
    text = ("Bank holds at 4% as governor waits\n"
            "The Bank of Norland kept interest rates at 4% on Tuesday.\n"
            "\"We have come a long way, but the last stretch is the hardest,\" Governor Ingrid Halvorsen said.")
    s = by_text(analyze(engine, text), "last stretch")
    assert {t.slug for t in s.topics} == {"interest-rates"}


def _stances(engine, text):
    statements = engine.analyze(text).statements
    assert statements, text
    return {t.slug: t.stance for t in statements[0].topics}


def test_a_support_word_that_an_oppose_phrase_acts_on_is_what_it_harms(engine):
    # "progress" is the object of "risk undoing": no vote for the cut
    text = '"Any rate cut now would risk undoing the progress we have made," Governor Lena Varga said.'
    assert _stances(engine, text)["interest-rates"] == "oppose"


def test_a_later_but_clause_that_points_a_way_carries_the_point(engine):
    text = ('"Inflation has come down, which is good news, but it remains well above our target," '
            'Governor Lena Varga said of interest rates.')
    assert _stances(engine, text)["interest-rates"] == "oppose"


def test_reported_speech_after_narration_is_read_from_the_speakers_verb(engine):
    # the reporter's narration ("cut interest rates") is no part of what the governor said
    text = ("The Bank of Norland cut interest rates on Thursday, but Governor Ingrid Halvorsen warned "
            "against moving too fast.")
    s = by_text(analyze(engine, text), "warned")
    assert s.speaker_slug == "ingrid-halvorsen"
    assert {t.slug: t.stance for t in s.topics} == {"interest-rates": "oppose"}
    # a relative clause between speaker and verb is narration too
    text = ("Bank of Norland Governor Ingrid Halvorsen, who had argued for higher interest rates, said "
            "the board would meet again in March.")
    s = by_text(analyze(engine, text), "meet again")
    assert {t.slug: t.stance for t in s.topics} == {"interest-rates": "neutral"}


def test_a_cue_in_single_quotes_still_matches(engine):
    kind, subtype, _cues, _topics = classify_statement(
        "the minister said the climate targets are 'here to stay'", engine.lexicon, engine.topics)
    assert (kind, subtype) == ("commitment", "assurance")


def test_a_refusal_of_no_topic_thing_takes_the_speakers_line(engine):
    text = ('Energy Minister Ana Voicu said on Monday that the coal plants would stay open. '
            '"There will be no new deadline," Voicu told reporters.')
    s = by_text(analyze(engine, text), "no new deadline")
    assert s.subtype == "refusal"
    assert {t.slug: t.stance for t in s.topics} == {"fossil-fuel-phaseout": "oppose"}


def test_an_obligation_that_names_no_topic_takes_no_side(engine):
    # "must"/"have to" binds what its clause names; a focus topic it does not name is not its object
    _k, _s, _c, topics = classify_statement("We have to be realistic about it", engine.lexicon, engine.topics,
                                            inherited=("fossil-fuel-phaseout",))
    assert [t.stance for t in topics] == ["neutral"]


def _read_one(engine, text, slug, **kw):
    kind, subtype, _cues, topics = classify_statement(text, engine.lexicon, engine.topics, **kw)
    return kind, subtype, {t.slug: t.stance for t in topics}.get(slug)


def test_refusal_bounded_in_time_is_a_deferral(engine):
    kind, subtype, stance = _read_one(engine, "Raising tariffs on steel is not on the agenda for now", "tariffs")
    assert (kind, subtype, stance) == ("deflection", "deferred", "neutral")
    kind, subtype, _ = _read_one(engine, "Raising tariffs on steel is not on the agenda", "tariffs")
    assert (kind, subtype) == ("commitment", "refusal")


def test_tally_of_others_votes_takes_no_side(engine):
    text = ("Bank of Norland Governor Ingrid Halvorsen said the bank would cut interest rates because inflation had eased. "
            "Two members of the nine-strong board had not supported the decision, she said.")
    s = by_text(analyze(engine, text), "Two members")
    assert {t.slug: t.stance for t in s.topics}.get("interest-rates", "neutral") == "neutral"


def test_could_not_be_ruled_out_is_a_hedge(engine):
    kind, subtype, stance = _read_one(engine, "New tariffs on cars could not be ruled out", "tariffs")
    assert (kind, subtype, stance) == ("deflection", "hedged", "neutral")


def test_in_no_hurry_to_act_opposes_the_act(engine):
    _kind, _sub, stance = _read_one(engine, "The bank is in no hurry to cut interest rates", "interest-rates")
    assert stance == "oppose"


def test_denied_expectation_flips_the_action(engine):
    _k, _s, stance = _read_one(engine, "households should not expect further rate cuts", "interest-rates")
    assert stance == "oppose"
    _k, _s, stance = _read_one(engine, "households should expect further rate cuts", "interest-rates")
    assert stance == "support"


def test_having_to_be_realistic_is_a_hedge(engine):
    kind, subtype, _ = _read_one(engine, "The 2030 coal exit stands, but we have to be realistic", "fossil-fuel-phaseout")
    assert (kind, subtype) == ("deflection", "hedged")


def test_a_quote_after_an_attributed_quote_in_the_same_paragraph_continues_that_speaker(engine):
    statements = analyze(engine, (
        "Body text opens the story about the ceasefire talks in the region.\n"
        "\u201cWe have agreed with our partners on the next steps,\u201d Antony Blinken said. "
        "\u201cThe United States will stay engaged until the work is done.\u201d\n"
        "He said he had briefed the team of President-elect Donald Trump on the talks."))
    assert by_text(statements, "will stay engaged").speaker_slug == "antony-blinken"


def test_a_qualified_thing_matches_in_the_singular_and_a_time_after_the_verb_is_no_object(engine):
    # "coal units" -> "coal unit": a qualified head has one sense; "that year" is when, not what, it closes
    action = engine.topics.action("the last coal unit will close that year", "fossil-fuel-phaseout", engine.lexicon)
    assert action is not None and action[0] == 1
    action = engine.topics.action("the oldest coal unit will run for another decade", "fossil-fuel-phaseout", engine.lexicon)
    assert action is not None and action[0] == -1


def test_a_modal_before_an_oppose_verb_is_its_auxiliary_not_a_vote(engine):
    # "will" is no support of its own when it governs the oppose verb: "we will fight this plan"
    _k, _s, stance = _read_one(engine, "We will fight this tariff plan in every court", "tariffs")
    assert stance == "oppose"
    _k, _s, stance = _read_one(engine, "The union says it would only hurt the coal phase-out", "fossil-fuel-phaseout")
    assert stance == "oppose"


def test_negation_does_not_reach_past_a_comma(engine):
    # "not reckless, it is sensible": the negator denies "reckless" only
    _k, _s, stance = _read_one(engine, "Public borrowing for new bridges is not reckless, it is sensible", "fiscal-stimulus")
    assert stance == "support"
    _k, _s, stance = _read_one(engine, "Public borrowing for new bridges is not sensible", "fiscal-stimulus")
    assert stance == "oppose"


def test_holding_the_line_and_sensible_are_support_words(engine):
    _k, _s, stance = _read_one(engine, "Exporters want the government to hold the line on tariffs", "tariffs")
    assert stance == "support"


def test_resolve_to_get_inflation_back_to_target_opposes_a_cut(engine):
    _k, _s, stance = _read_one(engine, "Monetary policy will stay the course until the job is done", "interest-rates")
    assert stance == "oppose"
    _k, _s, stance = _read_one(engine, "We are determined to bring inflation back to 2% and keep policy steady",
                               "interest-rates", context={"interest-rates"})
    assert stance == "oppose"


def test_staying_below_a_ceiling_holds_the_thing_down(engine):
    action = engine.topics.action("public spending will stay below the ceiling", "fiscal-stimulus", engine.lexicon)
    assert action is not None and action[0] == -1
    action = engine.topics.action("public spending will stay at that level", "fiscal-stimulus", engine.lexicon)
    assert action is not None and action[0] == 1
    action = engine.topics.action("irregular arrivals will remain under 100,000", "migration-controls", engine.lexicon)
    assert action is not None and action[0] == 1
    action = engine.topics.action("irregular arrivals will remain under review", "migration-controls", engine.lexicon)
    assert action is not None and action[0] == -1


def test_short_quote_that_is_a_whole_utterance_stays_direct(engine):
    # a four-word quote in a ten-word sentence is still the statement itself, not reported speech
    text = ("Sanctions stay, Berlin says\n"
            "\"We will not lift sanctions,\" Chancellor Friedrich Merz told reporters on Monday.\n"
            "Asked whether the package could be delayed, he said: \"That is not on the table.\"\n"
            "Merz said the measures were \"long overdue\" and would stay in force for years.")
    statements = analyze(engine, text)
    first = by_text(statements, "We will not lift")
    assert first.direct and first.text == "We will not lift sanctions"
    answer = by_text(statements, "not on the table")
    assert answer.direct and "Asked" not in answer.text
    # the question around the quote names its topic
    assert "russia-sanctions" in {t.slug for t in answer.topics}
    # a quoted phrase inside reported speech keeps the whole reported sentence
    partial = by_text(statements, "long overdue")
    assert not partial.direct and partial.text.startswith("Merz said")


def test_attribution_in_a_sentence_of_its_own_after_the_content(engine):
    text = ("Kyiv expects new air defence systems\n"
            "Ukraine expects to receive two more air defence systems from its partners this month.\n"
            "This was stated by President Volodymyr Zelensky in his evening video address.\n"
            "The government announced a new budget on Monday.\n"
            "He said this month would be decisive for the talks.")
    statements = analyze(engine, text)
    lead = by_text(statements, "expects to receive two more")
    assert lead.speaker_slug == "volodymyr-zelensky" and not lead.direct
    assert not [s for s in statements if "This was stated" in s.text]  # the attribution itself is no speech
    assert not [s for s in statements if "new budget" in s.text]  # narration stays narration
    assert by_text(statements, "would be decisive").speaker_slug == "volodymyr-zelensky"


def test_according_to_a_pronoun_and_head_of_state_resolve_to_the_speaker(engine):
    text = ("President Volodymyr Zelensky spoke in Kyiv on Friday. \"We need more air defence,\" Zelensky said.\n"
            "According to him, Ukraine needs at least seven more systems to protect its cities.\n"
            "The head of state also noted that talks with Russia are impossible while strikes continue.")
    statements = analyze(engine, text)
    assert by_text(statements, "seven more systems").speaker_slug == "volodymyr-zelensky"
    assert by_text(statements, "talks with Russia").speaker_slug == "volodymyr-zelensky"


def test_in_his_words_called_on_and_the_politician(engine):
    text = ("Foreign Minister Andrii Sybiha called on partners to step up sanctions against Russia.\n"
            "In his words, the current price cap is too high.\n"
            "Kremlin spokesman Dmitry Peskov told reporters that Moscow would respond to any new restrictions.\n"
            "The politician added that Russia was ready for talks, but only on its own terms.")
    statements = analyze(engine, text)
    assert by_text(statements, "called on partners").speaker_slug == "andrii-sybiha"
    assert by_text(statements, "price cap is too high").speaker_slug == "andrii-sybiha"
    assert by_text(statements, "ready for talks").speaker_slug == "dmitry-peskov"


def test_refusing_to_rule_out_is_a_hedge_and_no_consensus_is_no_agreement(engine):
    text = ("French President Emmanuel Macron on Monday refused to rule out sending Western troops to Ukraine.\n"
            "\"Nothing can be excluded,\" Macron told reporters.\n"
            "\"There is no consensus today on this question,\" he said.")
    statements = analyze(engine, text)
    first = by_text(statements, "refused to rule out")
    assert (first.kind, first.subtype) == ("deflection", "hedged")
    assert (by_text(statements, "Nothing can be excluded").kind, by_text(statements, "Nothing can be excluded").subtype) \
        == ("deflection", "hedged")
    assert by_text(statements, "no consensus").subtype != "agreement"


def test_full_name_without_a_title_is_discovered_when_its_surname_speaks(engine):
    text = ("Helena Ostrova built her reputation on running tight budgets. Now the minister is choosing her words.\n"
            "Ostrova said her government would look seriously at the plan.\n"
            "Maria Lopes, a shopkeeper in the old town, sells bread.")
    analysis = engine.analyze(text)
    assert "helena-ostrova" in {o.slug for o in analysis.discovered}
    assert by_text(analysis.statements, "look seriously").speaker_slug == "helena-ostrova"
    assert "maria-lopes" not in {o.slug for o in analysis.discovered}  # named, but never speaks


def test_quote_speaker_from_neighbouring_narration(engine):
    text = ("Energy Secretary Ed Miliband has said the targets stay.\n"
            "Speaking on the radio on Monday, Mr Miliband was in combative mood.\n"
            "\"Net zero is the route to energy security, not a luxury we can drop.\"\n"
            "Lisbon weighs its options\n"
            "\"We are not closing any door, but we cannot jump to 3% overnight.\"\n"
            "Those were the words of Portugal's finance minister, Tiago Remos, who a month ago said there "
            "would be no rise \"paid for by pensioners\".\n"
            "\"We remain fully committed to the law.\"\n"
            "The message came from Marja Kettunen, the European Commission's executive vice president, speaking "
            "in Brussels.")
    statements = analyze(engine, text)
    assert by_text(statements, "route to energy security").speaker_slug == "ed-miliband"
    assert by_text(statements, "closing any door").speaker_slug == "tiago-remos"
    assert by_text(statements, "fully committed").speaker_slug == "marja-kettunen"


def test_speaker_labels_in_headlines_and_transcripts(engine):
    text = ("Kettunen: No blanket pause for the AI rules\n"
            "Commissioner Marja Kettunen said on Thursday the rules would stay.\n"
            "The following is an excerpt of the briefing by Stefan Orlov, Spokesman for the Secretary-General.\n"
            "Spokesman: We are not a party to those negotiations. Let's not get ahead of ourselves. "
            "I don't have any new contacts to announce today.\n"
            "Question: Is the UN involved in these talks?")
    statements = analyze(engine, text)
    assert by_text(statements, "No blanket pause").speaker_slug == "marja-kettunen"
    for fragment in ("not a party", "get ahead of ourselves", "new contacts"):
        assert by_text(statements, fragment).speaker_slug == "stefan-orlov"
    assert by_text(statements, "get ahead of ourselves").subtype == "deferred"
    assert by_text(statements, "new contacts").subtype == "declined"
    assert not [s for s in statements if "involved in these talks" in s.text]  # the question is nobody's statement


def test_appositive_then_relative_pronoun_and_counted_sources(engine):
    text = ("The words came from Tomasz Wrona, Poland's deputy interior minister, who said Warsaw would respond "
            "with checks of its own.\n"
            "Isabel Rennert, the central bank board member in charge of markets, said the bar for another cut was high.\n"
            "Two EU diplomats said France wanted reforms first.")
    analysis = engine.analyze(text)
    assert by_text(analysis.statements, "respond with checks").speaker_slug == "tomasz-wrona"
    assert by_text(analysis.statements, "bar for another cut").speaker_slug == "isabel-rennert"
    assert by_text(analysis.statements, "wanted reforms").speaker_slug is None
    assert not [o for o in analysis.discovered if o.name.lower().startswith("two")]


def test_headline_names_its_speaker_by_a_bare_title(engine):
    text = ("Returns deal 'beginning to bite', says border minister\n"
            "Border security minister Laura Kennet said the deal with Paris was working, despite the weekend's numbers.")
    statements = analyze(engine, text)
    headline = by_text(statements, "beginning to bite")
    assert headline.speaker_slug == "laura-kennet"


def test_continuity_assurances_and_open_door_hedges(engine):
    text = ("Finance Minister Joana Reis spoke in Lisbon on Monday.\n"
            "\"Our preference is still a balanced budget, and that has not changed,\" Reis said.\n"
            "\"We are not closing any door,\" she said. \"We remain hopeful.\"\n"
            "\"Everything depends entirely on our partners,\" she said.")
    statements = analyze(engine, text)
    assert by_text(statements, "has not changed").subtype == "assurance"
    assert by_text(statements, "closing any door").subtype == "hedged"
    assert by_text(statements, "remain hopeful").subtype == "hedged"
    assert by_text(statements, "depends entirely").subtype == "hedged"


def test_reporting_verb_coordinated_with_a_first_verb(engine):
    text = ("President Volodymyr Zelensky met the delegation in Kyiv.\n"
            "In turn, Zelensky thanked the partners for their support and stressed that Ukraine needs more air defence.")
    assert by_text(analyze(engine, text), "needs more air defence").speaker_slug == "volodymyr-zelensky"


def test_teasers_for_other_articles_are_not_statements(engine):
    text = ("NATO Secretary General Mark Rutte said allies would send more air defence to Ukraine.\n"
            "Read also: Zelensky says Ukraine needs 25 Patriot systems\n"
            "He added that deliveries would start next month.\n"
            "Image caption: Rutte speaks to reporters in Brussels")
    statements = analyze(engine, text)
    assert not [s for s in statements if "Patriot" in s.text or "speaks to reporters" in s.text]
    assert by_text(statements, "deliveries would start").speaker_slug == "mark-rutte"


def test_cannot_accept_and_not_about_to_change_are_refusals(engine):
    text = ("Deputy Interior Minister Tomasz Wrona spoke in Warsaw.\n"
            "\"We cannot accept a situation in which our neighbour pushes its problem across the river,\" Wrona said.\n"
            "He made clear that the policy was not about to change.")
    statements = analyze(engine, text)
    assert by_text(statements, "cannot accept").subtype == "refusal"
    assert by_text(statements, "not about to change").subtype == "refusal"


def test_possessive_appositive_with_a_list_of_portfolios_and_adjectival_official(engine):
    text = ("Mary Ngo, Canada's minister of export promotion, international trade and economic development, said "
            "during an official visit to Australia that the government's promised tariffs would simply create costs.")
    statement = by_text(analyze(engine, text), "simply create costs")
    assert statement.speaker_slug == "mary-ngo"
    assert statement.subtype != "pledge"  # "the government's promised tariffs" promises nothing


def test_negated_opinion_verb_denies_what_it_governs(engine):
    _k, _s, stance = _read_one(engine, "We don't think at the moment that new tariffs would be in the national interest",
                               "tariffs")
    assert stance == "oppose"
    _k, _s, stance = _read_one(engine, "We think at the moment that new tariffs would be in the national interest",
                               "tariffs")
    assert stance == "support"


def test_agency_attribution_sentences(engine):
    text = ("Kyiv needs more air defence\n"
            "Ukraine needs more air defence systems to protect its cities.\n"
            "That\u2019s according to President Volodymyr Zelensky, who spoke in an address on Thursday night.\n"
            "Partners must speed up deliveries of interceptors.\n"
            "As reported by Ukrinform, the President of Ukraine said this in his evening address.")
    statements = analyze(engine, text)
    assert by_text(statements, "protect its cities").speaker_slug == "volodymyr-zelensky"
    assert by_text(statements, "speed up deliveries").speaker_slug == "volodymyr-zelensky"
    assert not [s for s in statements if "According to" in s.text or "As reported" in s.text or "according to" in s.text]


def test_more_reporting_verbs(engine):
    text = ("President Volodymyr Zelensky spoke on Monday. He also pointed out that the coalition had made a good start.\n"
            "Lena Hartmann, a Green lawmaker, accused the minister of ignoring the courts.")
    statements = analyze(engine, text)
    assert by_text(statements, "good start").speaker_slug == "volodymyr-zelensky"
    assert by_text(statements, "ignoring the courts").speaker_slug == "lena-hartmann"


def test_quote_paragraph_is_not_given_to_the_next_paragraphs_own_speaker(engine):
    text = ("Foreign Minister Melanie Jolin spoke after a cabinet meeting.\n"
            "\"We have to be extremely pragmatic on this,\" Jolin said.\n"
            "\"In many European capitals the conversation on retaliation is ongoing.\"\n"
            "President Donald Trump says he is ready to impose 25% tariffs on all imports from Canada.")
    statements = analyze(engine, text)
    assert by_text(statements, "European capitals").speaker_slug == "melanie-jolin"
    assert by_text(statements, "ready to impose").speaker_slug == "donald-trump"


def test_redirected_questions_vetoes_and_firm_noes(engine):
    text = ("Foreign Minister Lena Voss spoke in Brussels on Monday.\n"
            "Asked about sanctions relief, Voss said that was \"a question for the Americans\".\n"
            "She said Slovakia had lifted its veto and supported the package.\n"
            "\"Not a single cartridge from our army will go there,\" Voss said.\n"
            "\"We are not there yet,\" she said.")
    statements = analyze(engine, text)
    assert by_text(statements, "question for the Americans").subtype == "declined"
    assert by_text(statements, "lifted its veto").subtype == "agreement"
    assert by_text(statements, "Not a single cartridge").subtype == "refusal"
    assert by_text(statements, "not there yet").subtype == "deferred"


def test_open_to_talks_supports_them_while_open_to_a_delay_hedges(engine):
    _k, _s, stance = _read_one(engine, "Moscow remains open to further direct talks with Ukraine", "peace-talks")
    assert stance == "support"
    kind, subtype, _ = _read_one(engine, "The government is open to a targeted delay of the AI rules", "ai-regulation")
    assert (kind, subtype) == ("deflection", "hedged")


def test_a_condition_weakens_a_pledge_but_alone_it_hedges(engine):
    kind, subtype, stance = _read_one(engine, "Spain is ready to contribute troops to Ukraine once a ceasefire is agreed",
                                      "troops-deployment")
    assert (kind, stance) == ("commitment", "support")
    kind, subtype, _ = _read_one(engine, "Madrid will look at it once a ceasefire is in place", "troops-deployment")
    assert kind == "deflection"
    _k, _s, stance = _read_one(engine, "Prime Minister Robert Fico lifted his veto on the sanctions package",
                               "russia-sanctions")
    assert stance == "support"


def test_a_speakers_next_sentence_without_topic_words_stays_on_topic(engine):
    text = ("Secretary of State Marco Rubio said the peace talks in Geneva had made progress.\n"
            "\"We are not there yet,\" Rubio told reporters.")
    statements = analyze(engine, text)
    assert "peace-talks" in {t.slug for t in by_text(statements, "not there yet").topics}


def test_generic_title_of_an_organisation_and_former_holders(engine):
    text = ("NATO chief Mark Rutte said on Tuesday that allies would send more air defence systems.\n"
            "The head of NATO added that the alliance was working on it.\n"
            "The former NATO chief said deliveries were too slow.")
    statements = analyze(engine, text)
    assert by_text(statements, "working on it").speaker_slug == "mark-rutte"  # "of NATO" stops at "NATO"
    assert not [s for s in statements if "too slow" in s.text and s.speaker_slug == "mark-rutte"]


def test_registry_titles_of_leaders_and_office_ranks(engine):
    text = ("Hungary's Orban said his country would block the aid package.\n"
            "The Hungarian leader also said sanctions had failed.")
    assert by_text(analyze(engine, text), "sanctions had failed").speaker_slug == "viktor-orban"
    # "Polish minister" is not the Polish prime minister
    text = "Coal exit stays, Polish minister says\nThe deadline holds, the official said."
    assert not [s for s in analyze(engine, text) if s.speaker_slug == "donald-tusk"]


def test_scare_quotes_in_narration_are_not_speech(engine):
    text = ("Border security minister Laura Kennet said the deal with Paris was working.\n"
            "The arrangement, which ministers have branded \"one in, one out\", allows the UK to return migrants.\n"
            "She said it was \"beginning to bite\".")
    statements = analyze(engine, text)
    assert not [s for s in statements if "arrangement" in s.text or s.text == "one in, one out"]
    assert by_text(statements, "beginning to bite").speaker_slug == "laura-kennet"


def test_agency_wrappers_and_parenthetical_meetings(engine):
    text = ("The proposal is unacceptable, Kremlin spokesman Dmitry Peskov said.\n"
            "Moscow will respond, the agency quoted spokeswoman Maria Zakharova as saying.\n"
            "Secretary of State Antony Blinken, following a meeting with Prime Minister Benjamin Netanyahu, "
            "suggested that a deal was close.\n"
            "The company will stop deliveries, Reuters reported, citing spokesperson Anne Regnier.")
    statements = analyze(engine, text)
    assert by_text(statements, "unacceptable").speaker_slug == "dmitry-peskov"
    assert by_text(statements, "Moscow will respond").speaker_slug == "maria-zakharova"
    assert by_text(statements, "deal was close").speaker_slug == "antony-blinken"
    assert by_text(statements, "stop deliveries").speaker_slug == "anne-regnier"


def test_nationality_leader_reads_as_head_of_government_but_party_leader_does_not(engine):
    text = ("Prime Minister Lars Tangen met Finance Minister Kari Holm in Oslo on Monday.\n"
            "Holm said the budget was tight.\n"
            "\"We will not accept the offer,\" the Norwegian leader told reporters.")
    assert by_text(analyze(engine, text), "not accept the offer").speaker_slug == "lars-tangen"
    assert engine.resolver._equivalents("fdp leader") == []


def test_an_organisation_subject_does_not_hand_the_verb_to_the_person_after_it(engine):
    statements = analyze(engine, "Kremlin says Putin supports ceasefire in principle\n"
                                 "Energy Minister Anna Berg spoke in Oslo. The minister said she had heard from "
                                 "manufacturers.")
    assert not [s for s in statements if s.speaker_slug == "vladimir-putin"]
    assert by_text(statements, "heard from manufacturers").speaker_slug == "anna-berg"  # "said she": still the minister


def test_commenting_on_something_is_narration(engine):
    statements = analyze(engine, "Strike on Kharkiv\nPresident Volodymyr Zelensky has commented on the strike.\n"
                                 "Russia must pay for this, Zelensky said on Telegram.")
    assert not [s for s in statements if "commented on" in s.text]
    assert by_text(statements, "must pay").speaker_slug == "volodymyr-zelensky"


def test_british_single_quote_marks(engine):
    text = ("Starmer promises action on small boats\n"
            "Prime Minister Keir Starmer said: 'You have every right to be angry. We are ramping up efforts.'\n"
            "'I'm angry too,' he told reporters.\n"
            "He said the so-called 'one in, one out' deal was working.")
    statements = analyze(engine, text)
    ramping = by_text(statements, "ramping up efforts")
    assert ramping.direct and ramping.speaker_slug == "keir-starmer" and "said:" not in ramping.text
    assert by_text(statements, "angry too").direct
    assert not by_text(statements, "one in, one out").direct  # a quoted label, not an utterance


def test_embedded_questions_promise_nothing_and_a_bare_no_refuses(engine):
    kind, _s, _ = _read_one(engine, "Nobody knows what Moscow is going to propose next week", "peace-talks")
    assert kind == "position"
    kind, _s, _ = _read_one(engine, "We are going to propose a new plan next week", "peace-talks")
    assert kind == "commitment"
    text = ("Prime Minister Donald Tusk spoke in Warsaw.\n"
            "Asked whether Poland would accept any migrants relocated under the pact, he replied: \"No.\"")
    assert by_text(analyze(engine, text), "replied").subtype == "refusal"


def test_inverted_says_after_a_comma(engine):
    statements = analyze(engine, "Talks stall\nThe main obstacle now is Putin, says Kellogg.\n"
                                 "Alvaro Quesada, defence spokesman for the Popular Party, said the minister "
                                 "must explain where the money will come from.")
    assert by_text(statements, "main obstacle").speaker_slug == "keith-kellogg"
    assert by_text(statements, "must explain").speaker_slug == "alvaro-quesada"


def test_ages_and_participle_phrases_between_subject_and_verb(engine):
    text = ("Finance Minister Tove Arnesen, 54, said the stimulus package would be extended. "
            "Arnesen, widely seen as a fiscal hawk, told lawmakers that the deficit had to shrink. "
            "Arnesen, pressed on the timing, declined to say when the budget would be published.")
    statements = analyze(engine, text)
    assert [s.speaker_slug for s in statements] == ["tove-arnesen"] * 3
    assert by_text(statements, "declined to say").subtype == "declined"


def test_threats_and_reaffirmations_are_reported_speech(engine):
    text = ("Prime Minister Tomas Halvorsen threatened to veto the new sanctions package. "
            "Halvorsen reaffirmed that his government would not send money to the fund.")
    statements = analyze(engine, text)
    threat = by_text(statements, "threatened to veto")
    assert (threat.speaker_slug, threat.kind, threat.subtype) == ("tomas-halvorsen", "commitment", "refusal")
    assert by_text(statements, "reaffirmed").speaker_slug == "tomas-halvorsen"


def test_a_portfolio_is_no_person(engine):
    text = ("Karin Vogt, Commissioner for Trade and Economic Security, told reporters the bloc would respond. "
            "The Minister for Foreign Affairs Anna van der Berg said tariffs would not help anyone.")
    analysis = engine.analyze(text)
    assert {o.slug for o in analysis.discovered} == {"karin-vogt", "anna-van-der-berg"}
    assert [s.speaker_slug for s in analysis.statements] == ["karin-vogt", "anna-van-der-berg"]


def test_waiting_for_clarity_and_passing_it_on_are_deferrals_while_open_outcomes_hedge(engine):
    text = ("Governor Marta Ilves said the bank was well placed to wait for more clarity on inflation. "
            "\"What we do in March is wide open,\" Ilves said. "
            "She said the bank was not anticipating any move at its next meeting. "
            "Ilves said a decision on the interest rate target would fall to the next governor.")
    statements = analyze(engine, text)
    kinds = [(s.kind, s.subtype) for s in statements]
    assert kinds == [("deflection", "deferred"), ("deflection", "hedged"), ("deflection", "hedged"),
                     ("deflection", "deferred")]


def test_appeals_say_what_must_happen(engine):
    text = ("Foreign Minister Tove Arnesen urged ministers to approve the sanctions package before winter. "
            "\"It should be accepted, and it should be accepted now,\" Arnesen said of the ceasefire plan. "
            "\"Nobody should be under any illusion about the tariffs,\" she said.")
    statements = analyze(engine, text)
    assert (by_text(statements, "urged ministers").kind, by_text(statements, "urged ministers").subtype) == ("commitment", "pledge")
    assert by_text(statements, "accepted now").subtype == "pledge"
    assert by_text(statements, "Nobody should").kind != "commitment" or by_text(statements, "Nobody should").subtype != "pledge"


def test_interview_transcript_answers_belong_to_the_interviewee(engine):
    text = ("Ilves: 'The bank will not be rushed'\n\n"
            "The central bank governor on interest rates and the budget.\n\n"
            "Interview by Piret Saar\n\n"
            "Governor Marta Ilves received us in Tallinn. Ilves has led the bank since 2021.\n\n"
            "Q: The president says rates are far too high. Will you cut them?\n\n"
            "A: We will not cut interest rates this year. I wouldn't rule anything out for next year.\n\n"
            "Q: What about the budget?\n\n"
            "A: It is not for me to judge the budget.")
    statements = analyze(engine, text)
    assert not any("far too high" in s.text for s in statements)  # the interviewer's question is no one's statement
    answers = [s for s in statements if s.start > text.index("Q:")]
    assert [s.text for s in answers] == ["We will not cut interest rates this year.",
                                         "I wouldn't rule anything out for next year.",
                                         "It is not for me to judge the budget."]
    assert {s.speaker_slug for s in answers} == {"marta-ilves"} and all(s.direct for s in answers)
    assert [(s.kind, s.subtype) for s in answers] == [("commitment", "refusal"), ("deflection", "hedged"),
                                                      ("deflection", "declined")]


def test_a_qualified_title_is_not_someone_elses_bare_title(engine):
    text = ("President Donald Trump spoke first. "
            "Christine Lagarde, the European Central Bank president, said the bank was well positioned.")
    statements = analyze(engine, text)
    assert by_text(statements, "well positioned").speaker_slug == "christine-lagarde"


def test_people_introduced_before_an_aside_places_portfolios_and_organisations(engine):
    text = ("Ewan Dall, whose bank cut its rate to 4% this month, said rates were still heading down. "
            "Nathan Boyle, the Conservative MP for Windsor West, said workers could not afford a trade war. "
            "Joel Amankwah, the chief executive of the Harbour Refugee Trust, said the plans went too far. "
            "Governors Christopher Waller and Michelle Bowman voted for a cut. Waller said the committee had waited too long. "
            "Andre Correa do Lago, the summit's president, said the text was balanced.")
    analysis = engine.analyze(text)
    assert {o.slug for o in analysis.discovered} >= {"ewan-dall", "nathan-boyle", "joel-amankwah",
                                                      "christopher-waller", "andre-correa-do-lago"}
    assert not {"windsor-west", "harbour-refugee-trust", "governors-christopher-waller", "andre-correa"} & {
        o.slug for o in analysis.discovered}
    assert [s.speaker_slug for s in analysis.statements] == ["ewan-dall", "nathan-boyle", "joel-amankwah",
                                                             "christopher-waller", "andre-correa-do-lago"]


def test_a_byline_name_is_no_official(engine):
    analysis = engine.analyze("Trade row deepens\n\nBy Graham Whitcombe\n\nMinister Jonas Berg said tariffs would rise. "
                              "Graham Whitcombe writes on politics and the economy for The Review.")
    assert "by-graham-whitcombe" not in {o.slug for o in analysis.discovered}


def test_more_refusals_declines_and_hedges_of_briefing_rooms(engine):
    text = ("Trade Minister Hanna Sulg spoke to reporters on the tariffs. "
            "\"I'm not going to negotiate through the media,\" Sulg said. "
            "\"I'm not going to hand you a date for the tariffs,\" she said. "
            "\"We are not pausing the tariffs,\" she said. "
            "She said a cut in the tariffs was \"not something I can support\". "
            "\"How fast we go on tariffs is a much harder call than it was,\" she said. "
            "She said only that all options remained on the table on tariffs. "
            "\"We cannot let our steel plants close,\" Sulg said of the tariffs.")
    kinds = [(s.kind, s.subtype) for s in analyze(engine, text)]
    assert kinds == [("deflection", "declined"), ("deflection", "declined"), ("commitment", "refusal"),
                     ("commitment", "refusal"), ("deflection", "hedged"), ("deflection", "hedged"),
                     ("commitment", "pledge")]


def test_wishes_warnings_and_places_are_no_pledges(engine):
    text = ("Interior Minister Hanna Sulg spoke on migration controls. "
            "\"I would love to say yes on the migration rules,\" Sulg said. "
            "\"Nobody who arrives on a small boat should assume they can stay,\" she said of migration controls. "
            "\"Migration policy is where it should be,\" she said. "
            "\"I won't pretend otherwise on the asylum system,\" she said.")
    statements = analyze(engine, text)
    assert all(s.kind == "position" for s in statements), [(s.text, s.kind, s.cues) for s in statements]


def test_holding_rates_where_they_are_argues_against_a_cut(engine):
    text = ("Governor Marta Ilves spoke after the meeting. "
            "\"Our interest rates are at the right level for the economy we see,\" Ilves said. "
            "She said the bank was well positioned with its deposit rate at 2%. "
            "\"We do not pre-commit to any particular path for interest rates,\" she said.")
    statements = analyze(engine, text)
    stances = [{t.slug: t.stance for t in s.topics}.get("interest-rates") for s in statements]
    assert stances[:2] == ["oppose", "oppose"]
    assert (statements[2].kind, statements[2].subtype) == ("deflection", "deferred")


def test_a_future_with_no_one_acting_is_no_pledge_and_takes_no_side(engine):
    text = ("Governor Marta Ilves spoke after the meeting on interest rates. "
            "She said the next meeting would bring important data on interest rates. "
            "She said the bank would receive more information on interest rates by December. "
            "\"A lot is going to be clarified on interest rates, we hope,\" Ilves said.")
    statements = analyze(engine, text)
    rows = [(s.kind, {t.slug: t.stance for t in s.topics}.get("interest-rates")) for s in statements]
    assert rows == [("position", "neutral")] * 3
    pledge = analyze(engine, "Governor Marta Ilves said: \"We will cut interest rates in March.\"")[0]
    assert (pledge.kind, pledge.topics[0].stance) == ("commitment", "support")


def test_judging_the_thing_itself_opposes_it(engine):
    text = ("Prime Minister Tove Arnesen spoke about the tariffs. "
            "\"These tariffs are unjustified,\" Arnesen said. \"The tariffs are illegal and bad for workers,\" she said.")
    stances = [{t.slug: t.stance for t in s.topics}.get("tariffs") for s in analyze(engine, text)]
    assert stances == ["oppose", "oppose"]


def test_transcript_labels_in_capitals_and_after_honorifics(engine):
    text = ("Press secretary Dana Whitlock briefed reporters on the tariffs.\n\n"
            "MS. WHITLOCK: The president will impose tariffs on Friday. We will not back down.\n\n"
            "Q: Will there be exemptions?\n\n"
            "MS. WHITLOCK: I won't get ahead of the president on tariffs.")
    statements = analyze(engine, text)
    assert [s.text for s in statements] == ["The president will impose tariffs on Friday.", "We will not back down.",
                                            "I won't get ahead of the president on tariffs."]
    assert {s.speaker_slug for s in statements} == {"dana-whitlock"} and all(s.direct for s in statements)
    assert statements[-1].subtype == "declined"


def test_speaker_headings_of_transcripts_and_excerpts(engine):
    text = ("Following are excerpts from the governor's comments on Thursday.\n\n"
            "EWAN DALL, BANK OF NORLAND GOVERNOR\n\n"
            "ON INTEREST RATES:\n\n"
            "\"We have been able to cut interest rates today. But every further cut will be a closer call.\"\n\n"
            "Governor Marta Ilves, Bank of Estland\n\n"
            "\"Our interest rates are where they need to be.\"\n\n"
            "The two banks meet again in March.")  # narration after the excerpts is nobody's
    statements = analyze(engine, text)
    assert [(s.speaker_slug, s.text) for s in statements] == [
        ("ewan-dall", "We have been able to cut interest rates today."),
        ("ewan-dall", "But every further cut will be a closer call."),
        ("marta-ilves", "Our interest rates are where they need to be.")]


def test_discourse_adverbs_states_and_parties_between_subject_and_verb(engine):
    text = ("Governor Ewan Dall, though, said interest rates would stay high. "
            "Democratic Sen. Ruth Calder of Vermont said the AI rules were too weak. "
            "Chairman Gary Pelt, D-Mich., said the AI rules were too weak. "
            "Police chief Martin Hale this week told MPs that migration controls were working. "
            "Home Secretary Yvonne Carr called the delays \"frustrating\" but insisted the migration controls would be tightened.")
    assert [s.speaker_slug for s in analyze(engine, text)] == ["ewan-dall", "ruth-calder", "gary-pelt", "martin-hale",
                                                               "yvonne-carr"]


def test_title_case_headlines_and_more_firm_lines(engine):
    text = ("Rates Will Fall Further, Says Dall\n\n"
            "Governor Ewan Dall said interest rates would fall. "
            "\"There is no pause on the tariffs,\" Dall said. "
            "\"Should negotiations prove unsuccessful, the tariffs are the answer,\" Dall said. "
            "\"The tariffs are a non-starter,\" he said.")
    analysis = engine.analyze(text)
    assert [o.slug for o in analysis.discovered] == ["ewan-dall"]
    statements = analysis.statements
    assert statements[0].speaker_slug == "ewan-dall" and statements[0].text.startswith("Rates Will Fall")
    assert by_text(statements, "no pause").subtype == "refusal"
    assert by_text(statements, "Should negotiations").kind == "position"
    assert by_text(statements, "non-starter").subtype == "refusal"


def test_calling_a_thing_in_quoted_words_is_speech_but_calling_an_election_is_not(engine):
    text = ("Commissioner Wopke Hoekstra spoke in Brussels. "
            "Hoekstra called the climate target \"ambitious and pragmatic\". Hoekstra called an election.")
    statements = analyze(engine, text)
    assert [s.text for s in statements] == ["Hoekstra called the climate target \"ambitious and pragmatic\"."]
    assert statements[0].speaker_slug == "wopke-hoekstra"


def test_a_topic_about_a_named_place_needs_the_article_to_name_it(engine):
    japan = ("Prime Minister Fumio Kishida said Japan would buy more missiles and weapons "
             "as part of a military build-up.")
    s = analyze(engine, japan)[0]
    assert {t.slug for t in s.topics} == {"defence-spending"}
    ukraine = "Defence Minister Anna Berg said Norway would send more weapons to Ukraine this winter."
    assert "military-aid" in {t.slug for t in analyze(engine, ukraine)[0].topics}


def test_against_as_a_preposition_is_no_opposition(engine):
    text = ("EU foreign policy chief Kaja Kallas spoke in Brussels. "
            "Kallas said the new sanctions package would punish Russia for its aggression against Ukraine. "
            "She said the measures against Russia's shadow fleet were working. "
            "Kallas said she was firmly against lifting the sanctions.")
    stances = [{t.slug: t.stance for t in s.topics}.get("russia-sanctions") for s in analyze(engine, text)]
    assert stances == ["support", "support", "support"]


def test_promising_only_to_look_at_it_or_not_ruling_it_out_puts_the_answer_off(engine):
    text = ("Finance Minister Lars Vik spoke on the fiscal stimulus. "
            "\"We will look at the stimulus carefully, and then we will decide,\" Vik said. "
            "He said Norway will not rule out a larger fiscal stimulus, adding that \"nothing is off the table\".")
    statements = analyze(engine, text)
    assert [(s.kind, s.subtype) for s in statements] == [("deflection", "deferred"), ("deflection", "hedged")]


def test_excerpt_lists_with_label_lines(engine):
    text = ("Leaders on enlargement\n\n"
            "Following are excerpts from remarks by ministers at the summit on Wednesday.\n\n"
            "AURELIEN MARCHAND, French minister for Europe, on arrival:\n\n"
            "\"Montenegro should be able to close its talks by next year.\"\n\n"
            "MARCHAND, asked whether the Union must reform first:\n\n"
            "\"Reform and enlargement can move together.\"\n\n"
            "A SENIOR EU DIPLOMAT, speaking on condition of anonymity:\n\n"
            "\"Serbia is moving away from us.\"\n\n"
            "Albania opened its last cluster of talks in November.")
    statements = analyze(engine, text)
    assert [(s.speaker_slug, s.text) for s in statements] == [
        ("aurelien-marchand", "Montenegro should be able to close its talks by next year."),
        ("aurelien-marchand", "Reform and enlargement can move together."),
        (None, "Serbia is moving away from us.")]


def test_people_introduced_in_passing_and_back_references(engine):
    text = ("Three months after her speech, Mirela Dragan now says a delay may be unavoidable. "
            "China's vice minister of commerce, Zhao Minghui, on Friday defended the new tariffs. "
            "\"We need return hubs,\" the commissioner said in a written statement.\n"
            "With those words, Magnus Brenner, the EU's commissioner for migration, on Tuesday unveiled a proposal. "
            "He spoke with Moldova's deputy prime minister for European integration, Cristina Gheras. "
            "Gheras, standing beside him, struck a more urgent tone. "
            "\"We are ready to open the first cluster tomorrow,\" she said. "
            "Rep. Dale Whitby, an Indiana Republican, said the TikTok ban must stand.")
    analysis = engine.analyze(text)
    assert {"mirela-dragan", "zhao-minghui", "magnus-brenner", "cristina-gheras", "dale-whitby"} <= {
        o.slug for o in analysis.discovered}
    assert "indiana-republican" not in {o.slug for o in analysis.discovered}
    assert by_text(analysis.statements, "return hubs").speaker_slug == "magnus-brenner"
    assert by_text(analysis.statements, "first cluster").speaker_slug == "cristina-gheras"
    assert by_text(analysis.statements, "must stand").speaker_slug == "dale-whitby"


def test_a_denied_undoing_stands_by_the_topic(engine):
    s = analyze(engine, "Commissioner Henna Virkkunen said: \"There is no pause on the AI Act.\"")[0]
    assert (s.subtype, {t.slug: t.stance for t in s.topics}) == ("refusal", {"ai-regulation": "support"})


def test_briefing_room_answers_that_give_nothing_away(engine):
    text = ("Spokesperson Dana Whitlock briefed reporters on the sanctions on Russia.\n\n"
            "MS. WHITLOCK: I don't have anything to preview on further sanctions on Russia. "
            "I wouldn't characterize the sanctions one way or the other. "
            "Let's cross that bridge on sanctions when we get there. "
            "For the sanctions, possibly. "
            "Results will take time, and I will not promise you numbers on sanctions. "
            "The sanctions target still stands.")
    kinds = [(s.kind, s.subtype) for s in analyze(engine, text)]
    assert kinds == [("deflection", "declined"), ("deflection", "declined"), ("deflection", "deferred"),
                     ("deflection", "hedged"), ("deflection", "hedged"), ("commitment", "assurance")]


def test_long_chains_of_clauses_still_attribute_and_repeated_titles_are_noted_once(engine):
    from bot.analysis.extract import SUBJECT_GAP
    assert SUBJECT_GAP.match(" thanked them and" * 40 + " ")  # matched, one way only
    assert not SUBJECT_GAP.match(" thanked them and" * 40 + " x")  # and refused without trying every split
    text = "Minister Jonas Berg" + ", 47, who chairs the committee," + " said the tariffs would rise."
    assert analyze(engine, text)[0].speaker_slug == "jonas-berg"
    analysis = engine.analyze(" ".join(["Trade Minister Jonas Berg spoke."] * 50) + " Berg said tariffs would rise.")
    assert analysis.statements[0].speaker_slug == "jonas-berg"


def test_slugs_fold_letters_without_accents_and_qualified_labels(engine):
    from bot.analysis.registry import slugify
    assert slugify("Lars Løkke Rasmussen") == "lars-lokke-rasmussen"
    assert slugify("Radosław Sikorski") == "radoslaw-sikorski"
    text = ("ECB's Ilves: No rush to cut interest rates\n\n"
            "Central bank Governor Marta Ilves spoke in Frankfurt on Monday.")
    headline = analyze(engine, text)[0]
    assert (headline.speaker_slug, headline.text) == ("marta-ilves", "ECB's Ilves: No rush to cut interest rates")


def test_an_institutions_quote_is_nobodys_and_a_relative_clause_may_hold_a_quote(engine):
    text = ("French President Emmanuel Macron said Europe would help Ukraine. "
            "\"We will provide more air defence to Ukraine,\" Zelenskyy's office said in a statement.")
    statements = analyze(engine, text)
    assert [s.speaker_slug for s in statements] == ["emmanuel-macron"]
    text = ("COP28 president Sultan Al Jaber, who labelled it the \"UAE consensus\", said the deal on fossil "
            "fuels was historic.")
    assert analyze(engine, text)[0].speaker_slug == "sultan-al-jaber"


def test_with_x_confirming_that(engine):
    text = "The ECB held interest rates, with President Christine Lagarde confirming that further cuts were not planned."
    assert analyze(engine, text)[0].speaker_slug == "christine-lagarde"


def test_a_quote_running_on_keeps_the_person_it_follows(engine):
    text = ("Romania's digitalisation minister Mirela Dragan spoke on Friday. Sweden's prime minister, Ulf "
            "Kristersson, has also called for parts of the AI law to be paused.\n\n"
            "Dragan was unmoved. \"A pause is not simplification. It is a retreat, and Romania will not support it,\" "
            "she said.\n\n"
            "LUXEMBOURG (Wire) - \"If we blink now, nobody will take our AI rules seriously again.\"\n\n"
            "With that warning, Dragan on Friday rejected calls to delay the AI law.")
    statements = analyze(engine, text)
    assert by_text(statements, "It is a retreat").speaker_slug == "mirela-dragan"
    assert by_text(statements, "A pause is not").speaker_slug == "mirela-dragan"
    assert by_text(statements, "If we blink now").speaker_slug == "mirela-dragan"


def test_a_live_blog_entry_headed_by_a_name_alone(engine):
    text = ("AI Act live: ministers split on delay\n\n"
            "Key points\n"
            "- Commissioner Henna Virkkunen insists no obligation is being scrapped\n\n"
            "14:05 CET\n"
            "Henna Virkkunen\n"
            "The executive vice-president opened the public session with a short defence of the AI package.\n"
            "\"Simplification is not deregulation. Every obligation in the AI Act stays.\"")
    statements = analyze(engine, text)
    assert by_text(statements, "not deregulation").speaker_slug == "henna-virkkunen"
    assert by_text(statements, "obligation in the AI Act stays").speaker_slug == "henna-virkkunen"


def test_a_list_of_quotes_after_a_preamble_naming_one_person(engine):
    text = ("Powell speech: the key points\n\n"
            "Here are key quotes from Fed Chair Jerome Powell's news conference on interest rates.\n\n"
            "ON INFLATION\n\n\"Inflation is still somewhat elevated.\"\n\n"
            "ON TARIFFS\n\n\"Tariffs could push prices up this year.\"\n\n"
            "ON THE NEXT MEETING\n\n\"We will not be rushed.\"\n\n"
            "European Central Bank President Christine Lagarde spoke in Frankfurt on Thursday.")
    statements = analyze(engine, text)
    assert [(s.speaker_slug, s.text) for s in statements] == [
        ("jerome-powell", "Inflation is still somewhat elevated."),
        ("jerome-powell", "Tariffs could push prices up this year."),
        ("jerome-powell", "We will not be rushed.")]


def test_empty_and_blank_texts_give_no_statements(engine):
    for text in ("", "   ", "\n\n", "Q:", "A: yes"):
        assert analyze(engine, text) == ()


def _focus_stance(engine, text, slug):
    _kind, _sub, _cues, topics = classify_statement(text, engine.lexicon, engine.topics, context={slug}, focus=slug)
    return {t.slug: t.stance for t in topics}.get(slug)


def test_a_time_clause_after_a_comma_does_not_decide_the_speakers_focus_stance(engine):
    # the second clause reports what others did; the refused weakening alone is the speaker's line
    assert _focus_stance(engine, "She said the government will not weaken the UK's legally binding climate targets, after the "
                   "opposition pledged to repeal the law that underpins them.", "climate-targets") == "support"


def test_calling_something_by_the_topics_contrary_condemns_it(engine):
    assert _focus_stance(engine, "This is deregulation of the AI Act dressed up as housekeeping.", "ai-regulation") == "support"
    assert _focus_stance(engine, "What Brussels proposes for the AI Act amounts to deregulation.", "ai-regulation") == "support"
    # asking for the contrary is still opposing the proposition
    assert _focus_stance(engine, "We need deregulation of the AI Act.", "ai-regulation") == "oppose"


def test_an_appeal_after_an_aside_or_an_auxiliary_is_a_pledge(engine):
    statements = analyze(engine, (
        "Foreign Minister Andrii Sybiha, who joined the meeting by video link, urged ministers to approve the "
        "loan before winter.\n\n"
        "Finance Minister Lena Ostrova has called on partners to speed up deliveries of air defence systems."))
    assert (by_text(statements, "urged ministers").kind, by_text(statements, "urged ministers").subtype) == ("commitment", "pledge")
    assert by_text(statements, "has called on partners").kind == "commitment"


def test_reported_would_of_the_speakers_own_party_is_a_pledge(engine):
    statements = analyze(engine, "Opposition leader Maria Venn said her party would table amendments to keep the "
                                 "original timetable for the AI Act.")
    assert (statements[0].kind, statements[0].subtype) == ("commitment", "pledge")


def test_typographic_apostrophes_read_like_straight_ones_and_quotes_stay_as_written(engine):
    text = "Powell said: \u201cWe\u2019ll see how the data come in on interest rates.\u201d"
    [st] = analyze(engine, text)
    assert (st.kind, st.subtype) == ("deflection", "hedged")
    assert "We\u2019ll see" in st.text and st.text == text[st.start:st.end]
    assert "We\u2019ll see" in st.cues


def test_backing_a_named_proposal_is_agreement_but_a_tally_of_votes_is_not(engine):
    statements = analyze(engine, "Economy Minister Lars Vinter said Denmark supported the compromise on the AI Act.\n\n"
                                 "Vinter said a \"clear majority\" of ministers had backed the move.")
    assert by_text(statements, "supported the compromise").subtype == "agreement"
    assert by_text(statements, "backed the move").kind == "position"


def test_an_interview_answer_without_topic_words_is_about_what_was_asked(engine):
    text = ("Interview: the minister on money for the armed forces\n\n"
            "Finance Minister Tomas Brandt spoke to the Courier about the budget and about the war in Ukraine.\n\n"
            "Q: Will Germany send more air defence systems to Ukraine this winter?\n"
            "A: We are working on that with our partners.\n\n"
            "Q: Will you raise defence spending above 3% next year?\n"
            "A: It is too early to say.")
    statements = analyze(engine, text)
    assert [t.slug for t in by_text(statements, "too early").topics] == ["defence-spending"]


def _kind(engine, text):
    kind, subtype, _cues, _topics = classify_statement(text, engine.lexicon, engine.topics)
    return kind, subtype


def test_a_country_that_will_hit_a_target_pledges_but_tariffs_that_will_hit_exports_forecast(engine):
    assert _kind(engine, "Japan will hit its 2% defence spending target a year early.") == ("commitment", "pledge")
    assert _kind(engine, "The tariffs will hit exports of steel.")[0] == "position"


def test_an_actor_backing_a_named_thing_agrees_but_a_measure_supporting_the_economy_does_not(engine):
    assert _kind(engine, "She said Italy backed the EU's new package of sanctions.") == ("commitment", "agreement")
    assert _kind(engine, "He said he fully supported that goal.") == ("commitment", "agreement")
    assert _kind(engine, "Lower interest rates have supported the economy this year.")[0] == "position"


def test_a_commitment_denied_is_no_commitment(engine):
    assert _kind(engine, "I never promised a number beyond 2%.")[0] != "commitment"
    assert _kind(engine, "We have not agreed to any new deadline.")[1] != "agreement"
    assert _kind(engine, "I promised a number beyond 2%.") == ("commitment", "pledge")


_LEAD = "Officials speak\n\nBRUSSELS (Wire) - Ministers met on Monday.\n\n"


def test_hyphenated_titles_and_particles_in_names(engine):
    statements = analyze(engine, _LEAD + "The sanctions will stay, said Commission Vice-President Teresa Ribera.\n\n"
                                          "The deal must include a phase-out of fossil fuels, Sultan al-Jaber told delegates.")
    assert by_text(statements, "sanctions will stay").speaker_slug == "teresa-ribera"
    assert by_text(statements, "phase-out").speaker_slug == "sultan-al-jaber"


def test_a_lower_case_title_glued_to_a_closing_attribution(engine):
    [st] = analyze(engine, _LEAD + "The bloc will keep sanctions in place until Russia pays, foreign policy chief "
                                   "Kaja Kallas said.")
    assert st.speaker_slug == "kaja-kallas"


def test_a_verb_of_saying_addressed_to_someone_keeps_its_content(engine):
    [st] = analyze(engine, _LEAD + "Chancellor Olaf Scholz reiterated to allies on Thursday that Germany would keep "
                                   "sending air defence systems to Ukraine.")
    assert st.speaker_slug == "olaf-scholz" and st.kind == "commitment"


def test_a_name_inside_an_appositive_or_after_with_is_not_the_subject(engine):
    statements = analyze(engine, _LEAD + "Basem Naim, an adviser to Hamas chief Ismail Haniyeh, said the group would "
                                         "accept the ceasefire proposal.\n\n"
                                         "President Volodymyr Zelensky discussed air defence with Defence Minister Rustem "
                                         "Umerov, stating that Ukraine needs more Patriot systems.")
    assert by_text(statements, "accept the ceasefire").speaker_slug == "basem-naim"
    assert by_text(statements, "Patriot systems").speaker_slug == "volodymyr-zelensky"


def test_an_honorific_and_a_surname_nobody_named_in_full_is_recorded_unattributed(engine):
    [st] = analyze(engine, _LEAD + "Lord Falconer said the government would not lift sanctions on Russia.")
    assert st.speaker_slug is None and st.mention == "Lord Falconer"
    # "Sir" with a first name: the one official of that first name
    [st] = analyze(engine, _LEAD + "Sir Keir said Britain would send more air defence systems to Ukraine.")
    assert st.speaker_slug == "keir-starmer"


def test_a_bare_plural_source_speaks_unattributed(engine):
    statements = analyze(engine, _LEAD + "Western officials said the sanctions would stay in place.\n\n"
                                         "Officials from both sides met again.")
    assert [(s.speaker_slug, s.mention) for s in statements] == [(None, "Western officials")]


def test_a_reported_belief_is_a_statement(engine):
    [st] = analyze(engine, _LEAD + "Foreign Minister Anna Lund believes the ceasefire in Gaza will hold.")
    assert st.speaker_slug == "anna-lund"


def test_a_radio_transcript_with_surname_labels_in_capitals(engine):
    text = ("Transcript: Senator Maria Hale on sanctions\n\n"
            "Senator Maria Hale spoke to morning host Tom Reed on Tuesday.\n\n"
            "REED: The Treasury sanctioned two oil companies last week. What is your reaction?\n\n"
            "HALE: It was the right call. We should have done it in the spring.\n\n"
            "REED: Would you accept lifting any sanctions as part of a peace deal?\n\n"
            "HALE: Not a single sanction should be lifted until Russia signs a real ceasefire.")
    statements = analyze(engine, text)
    assert {s.speaker_slug for s in statements} == {"maria-hale"}  # the interviewer only asks
    assert len(statements) == 3


def test_long_appositives_and_titles_around_the_speaker(engine):
    statements = analyze(engine, _LEAD + (
        "Elbridge Colby, President Donald Trump's nominee for the Pentagon's top policy post, told a Senate "
        "committee this week that Japan should aim for 3%.\n\n"
        "Sunil Bhatia, president of the Engineering Exporters' Council of India, welcomed the decision not to "
        "retaliate.\n\n"
        "India will not impose counter-tariffs on American goods, said Commerce and Industry Minister Arvind Rao.\n\n"
        "The Democratic Party's Marco Ferrante accused the government of wasting money."))
    assert by_text(statements, "aim for 3%").speaker_slug == "elbridge-colby"
    assert by_text(statements, "not to retaliate").speaker_slug == "sunil-bhatia"
    assert by_text(statements, "counter-tariffs").speaker_slug == "arvind-rao"
    assert by_text(statements, "wasting money").speaker_slug == "marco-ferrante"


def test_a_restricted_answer_and_a_plural_source_with_an_auxiliary(engine):
    statements = analyze(engine, _LEAD + "Governor Luisa Andrade spoke in Brasilia. In September she would only say "
                                         "that it was too early to tell.\n\n"
                                         "Indian officials have said they were not aware of any deal.")
    assert by_text(statements, "too early").speaker_slug == "luisa-andrade"
    assert by_text(statements, "not aware").mention == "Indian officials"


def test_a_blow_opposes_and_a_highly_effective_measure_is_supported(engine):
    assert _focus_stance(engine, "The new tariffs are a major blow to the world economy.", "tariffs") == "oppose"
    assert _focus_stance(engine, "The sanctions on Russia are highly effective.", "russia-sanctions") == "support"


def test_security_guarantees_as_a_noun_are_no_assurance_and_a_second_verb_shares_the_subject(engine):
    assert _kind(engine, "Ukraine needs ironclad security guarantees from its partners.")[1] != "assurance"
    assert _kind(engine, "We guarantee that the aid will arrive.") == ("commitment", "assurance")
    kind, subtype, _c, _t = classify_statement("he understood those concerns and will offer new guarantees to Belgium at "
                                               "the summit", engine.lexicon, engine.topics, context={"russia-sanctions"},
                                               focus="russia-sanctions")
    assert kind == "commitment"


def test_promises_and_guarantees_as_nouns_are_no_commitment(engine):
    assert _kind(engine, "Ukraine cannot defend itself with promises.")[0] == "position"
    assert _kind(engine, "He is waiting for guarantees that nobody can give him.")[0] == "position"
    assert _kind(engine, "We promised to deliver the shells by March.") == ("commitment", "pledge")


def test_a_threat_or_danger_to_someone_opposes(engine):
    assert _focus_stance(engine, "He said foreign troops in Ukraine would be a direct threat to Russia.",
                         "troops-deployment") == "oppose"


def test_thanking_and_framing_are_verbs_of_saying(engine):
    statements = analyze(engine, _LEAD + "Defence Minister Rustem Umerov thanked the Czech side for its support for "
                                         "the ammunition initiative.\n\n"
                                         "Chancellor Friedrich Merz framed the package as a signal to Moscow.")
    assert {s.speaker_slug for s in statements} == {"rustem-umerov", "friedrich-merz"}


def test_a_participle_aside_naming_someone_else_and_a_document_that_calls_for_something(engine):
    statements = analyze(engine, _LEAD + "Zelenskyy, speaking after meeting with Emmanuel Macron, said Ukraine needs "
                                         "more air defence.\n\n"
                                         "Another proposal for an Acceleration Agenda calls on rich countries to triple "
                                         "renewable energy.")
    assert [s.speaker_slug for s in statements] == ["volodymyr-zelensky"]


def test_a_headline_label_with_its_subject(engine):
    statements = analyze(engine, "Zelensky on Ramstein: We need more air defence systems now\n\n"
                                 "President Volodymyr Zelensky spoke at the meeting in Germany on Tuesday.")
    assert by_text(statements, "air defence").speaker_slug == "volodymyr-zelensky"


def test_offering_threatening_and_announcing_a_measure_pledge(engine):
    assert _kind(engine, "Kyiv offered to resume talks with Moscow.") == ("commitment", "pledge")
    assert _kind(engine, "She announced $29.8 billion in counter-tariffs.") == ("commitment", "pledge")
    assert _kind(engine, "Trump threatens further tariffs on Canada.") == ("commitment", "pledge")
    # a capital that only starts the sentence is no actor
    assert _kind(engine, "The offer to resume talks was rejected.")[0] == "position"


def test_a_promise_held_until_instructions_or_conditions_defers(engine):
    assert _kind(engine, "We will do that once we receive instructions from Moscow.") == ("deflection", "deferred")
    assert _kind(engine, "If these demands are met, we can go forward with the talks.") == ("deflection", "deferred")


def test_a_headline_stance_verb_reports_a_position(engine):
    statements = analyze(engine, "Callahan backs Russia oil sanctions bill\n\n"
                                 "Senator Ward Callahan said on Tuesday he would vote for the bill.")
    assert by_text(statements, "backs Russia oil").speaker_slug == "ward-callahan"


def test_a_capital_letter_before_a_pronoun_ends_a_sentence_and_no_name_holds_a_pronoun(engine):
    text = "Macron welcomed it in a post on X. He wrote that it was good. Jerome H. Powell spoke."
    assert [text[s.start:s.end] for s in split_sentences(text, split_blocks(text))] == [
        "Macron welcomed it in a post on X.", "He wrote that it was good.", "Jerome H. Powell spoke."]
    analysis = engine.analyze(_LEAD + "French President Emmanuel Macron welcomed the agreement in a post on X. He wrote "
                                      "that the release of the hostages was within reach.")
    assert [o.slug for o in analysis.discovered] == []
    assert analysis.statements[0].speaker_slug == "emmanuel-macron"


def test_a_bare_title_goes_to_the_one_who_spoke_not_the_one_named_last(engine):
    text = ("Sybiha: Ukraine has done its part\n\n"
            "Ukraine is ready for peace, and Russia must now show it is ready too.\n\n"
            "This was stated by Minister of Foreign Affairs of Ukraine Andrii Sybiha at a joint press conference with "
            "Lithuanian Foreign Minister Kestutis Budrys in Kyiv.\n\n"
            "\u201cWe accepted the proposal for a 30-day ceasefire because we want this war to end,\u201d the minister said.")
    statements = analyze(engine, text)
    assert by_text(statements, "30-day ceasefire").speaker_slug == "andrii-sybiha"


def test_a_refusal_with_a_day_before_its_to(engine):
    [st] = analyze(engine, _LEAD + "Energy Minister Rahmat Santoso declined on Wednesday to comment on the coal plants.")
    assert (st.speaker_slug, st.kind, st.subtype) == ("rahmat-santoso", "deflection", "declined")


def test_a_portfolio_joined_by_and_and_a_day_after_said(engine):
    text = ("Indonesia to end coal power by 2040, says energy minister\n\n"
            "JAKARTA (Agency) -- Indonesia will phase out coal-fired power generation by 2040, Energy and Mineral "
            "Resources Minister Rahmat Santoso said on Wednesday.")
    statements = analyze(engine, text)
    assert {s.speaker_slug for s in statements} == {"rahmat-santoso"} and len(statements) == 2


def test_more_ways_to_hedge_decline_defer_and_pivot(engine):
    assert _kind(engine, "A cut could well come in the course of this year.") == ("deflection", "hedged")
    assert _kind(engine, "Whether The Hague could match it depended on the budget.") == ("deflection", "hedged")
    assert _kind(engine, "Tellefsen refused to attach a date to either of them.") == ("deflection", "declined")
    assert _kind(engine, "I can\u2019t speak for a cabinet that hasn\u2019t been formed yet.") == ("deflection", "declined")
    assert _kind(engine, "Ask me again when the guns are silent.") == ("deflection", "deferred")
    assert _kind(engine, "What I can say is that we are watching the krone very closely.") == ("deflection", "pivoted")
    assert _kind(engine, "We cannot keep promising to save the forest.")[0] == "position"


def test_the_home_secretary_is_not_the_shadow_home_secretary(engine):
    text = ("Asylum rules to be tightened\n\n"
            "Shadow Home Secretary Chris Philp said the plans came too late.\n\n"
            "The home secretary says refugees who arrive illegally will wait 20 years to settle.")
    statements = analyze(engine, text)
    assert all(s.speaker_slug != "chris-philp" for s in statements if "20 years" in s.text)


def test_no_justification_opposes(engine):
    assert _focus_stance(engine, "There is no justification for the imposition of tariffs.", "tariffs") == "oppose"


def test_a_rejection_by_someone_named_in_a_relative_clause_is_not_the_speakers(engine):
    kind, _sub, _cues, topics = classify_statement(
        "Zelensky repeated his call for a full ceasefire in Ukraine, a demand Moscow has repeatedly ruled out.",
        engine.lexicon, engine.topics, context={"peace-talks"}, focus="peace-talks")
    assert kind == "position" and [t.stance for t in topics] == ["support"]
    assert _kind(engine, "We have ruled out any new tariffs.") == ("commitment", "refusal")


def test_a_promise_in_a_relative_clause_is_background_not_the_sentences_commitment(engine):
    # someone else's ("the levies it has promised") or the speaker's own earlier one ("who promised in February")
    assert _kind(engine, "The minister said a second list was ready if Washington went ahead with the "
                         "levies it has promised for April.") == ("position", "claim")
    assert _kind(engine, "The defence minister who promised in February to give everything we can now says "
                         "future packages will be smaller.") == ("position", "claim")
    assert _kind(engine, "The minister said the government has promised to cut fuel duty.")[0] == "commitment"
    assert _kind(engine, "We promised to cut fuel duty and we will.")[0] == "commitment"


def test_what_matters_to_someone_is_a_pivot(engine):
    assert _kind(engine, "What matters to people is that we protect jobs.") == ("deflection", "pivoted")
    assert _kind(engine, "What mattered most now, he argued, was building the transmission lines.") == (
        "deflection", "pivoted")
    assert _kind(engine, "It matters to people that we protect jobs.") != ("deflection", "pivoted")


def test_a_policy_that_stays_as_it_is_is_an_assurance(engine):
    assert _kind(engine, "The eastern border stays closed while the threat persists.") == ("commitment", "assurance")
    assert _kind(engine, "Until that changes, the rate stays where it is.") == ("commitment", "assurance")
    assert _kind(engine, "Our counter-tariffs stay in place during the talks.") == ("commitment", "assurance")
    # an expectation about it is no assurance, nor a thing that merely stays somewhere
    assert _kind(engine, "Analysts expect the rate to stay in place well into 2026.")[0] == "position"
    assert _kind(engine, "Without workers, the fruit stays on the trees.")[0] == "position"


def test_contracted_is_reads_like_is_in_cue_phrases(engine):
    for full, short in (("That is a question for the Council.", "That's a question for the Council."),
                        ("What is necessary now is more ammunition.", "What's necessary now is more ammunition."),
                        ("It is up to each capital to decide.", "It's up to each capital to decide."),
                        ("We are not pausing the AI Act.", "We're not pausing the AI Act.")):
        assert _kind(engine, short) == _kind(engine, full) != ("position", "claim"), short


def test_a_key_points_list_belongs_to_the_person_it_names(engine):
    text = ("Bank holds rates\n\n"
            "The central bank of Norland left its policy rate at 4% on Thursday.\n\n"
            "Key points from Governor Ingrid Halvorsen's news conference:\n"
            "- The rate will be lower a year from now than it is today\n"
            "- A cut in December is not on the table\n"
            "- Will not comment on the spring wage talks\n\n"
            "The krone edged higher after the decision.")
    statements = analyze(engine, text)
    items = [s for s in statements if s.text.startswith(("The rate", "A cut", "Will not"))]
    assert [s.speaker_slug for s in items] == ["ingrid-halvorsen"] * 3
    assert by_text(statements, "Will not comment").kind == "deflection"
    assert not any("krone" in s.text for s in statements)  # the narration after the list is the reporter's


def test_a_key_points_list_after_his_remarks_belongs_to_the_person_the_paragraph_is_about(engine):
    text = ("Minister will not retaliate\n\n"
            "Trade Minister Jonas Berg spoke to reporters on Friday, a day after the US removed the tariff. "
            "Key points from his remarks:\n"
            "- Norland will impose no counter-tariffs now\n"
            "- No comment on the sanctions\n")
    statements = analyze(engine, text)
    items = [s for s in statements if s.text.startswith(("Norland will", "No comment"))]
    assert [s.speaker_slug for s in items] == ["jonas-berg", "jonas-berg"]


def test_a_parliamentary_records_labels_name_their_speakers(engine):
    text = ("Budget passes first reading\n\n"
            "The debate was bad-tempered. An excerpt:\n\n"
            "Cosmin Dumitrescu (AUR): You are asking pensioners to pay for your mistakes.\n\n"
            "Sorin Matei, secretary of state for the budget: Basic foods stay in the reduced band.\n\n"
            "Ioana Vlad (PSD): My party stands behind this package.\n\n"
            "Matei: Investment paid for with European money is protected.\n")
    statements = analyze(engine, text)
    assert by_text(statements, "You are asking").speaker_slug == "cosmin-dumitrescu"
    assert by_text(statements, "Basic foods").speaker_slug == "sorin-matei"
    assert by_text(statements, "My party stands").speaker_slug == "ioana-vlad"  # named only in her label
    assert by_text(statements, "Investment paid").speaker_slug == "sorin-matei"
    # a wire dateline still is one
    assert analyze(engine, "KYIV (Reuters): Zelensky said the talks would resume.")[0].text.startswith("Zelensky")


def test_a_titled_persons_possessive_names_a_new_official(engine):
    analysis = engine.analyze("Governor Ingrid Halvorsen's deputy said the bank would wait.")
    assert [o.slug for o in analysis.discovered] == ["ingrid-halvorsen"]
    assert engine.analyze("Norland Bank's deputy said the bank would wait.").discovered == ()


def test_an_attribution_line_that_introduces_a_quote_below_is_no_statement(engine):
    statements = analyze(engine, _LEAD + "Foreign Minister Anna Lund said:\n\n"
                                         "\u201cWe will keep sending air defence systems to Ukraine.\u201d")
    assert [(s.speaker_slug, s.text) for s in statements] == [
        ("anna-lund", "We will keep sending air defence systems to Ukraine.")]


def test_a_headline_label_with_its_place(engine):
    statements = analyze(engine, "Zelensky in Kyiv: We need more air defence systems now\n\n"
                                 "President Volodymyr Zelensky spoke after the attack on Tuesday.")
    assert by_text(statements, "air defence").speaker_slug == "volodymyr-zelensky"


def test_a_repeated_dateline_is_no_transcript_label(engine):
    statements = analyze(engine, "Live: drones over Kyiv\n\n"
                                 "KYIV: Ukraine was hit by drones overnight.\n\n"
                                 "KYIV: President Volodymyr Zelensky said Ukraine needs more air defence.")
    assert [s.text for s in statements] == ["President Volodymyr Zelensky said Ukraine needs more air defence."]


def test_another_persons_commitment_is_a_claim_unless_a_spokesperson_announces_it(engine):
    [st] = analyze(engine, _LEAD + "EU foreign policy chief Kaja Kallas said Vladimir Putin will not end this war "
                                   "unless he is forced to.")
    assert st.kind == "position"
    [st] = analyze(engine, _LEAD + "President Donald Trump will sign an executive order on new tariffs this week, White House Press "
                                   "Secretary Karoline Leavitt said.")
    assert (st.speaker_slug, st.kind) == ("karoline-leavitt", "commitment")


def test_a_definite_source_whose_qualifier_names_a_speakers_office(engine):
    statements = analyze(engine, _LEAD + "Kremlin spokesman Dmitry Peskov said Moscow was ready for talks.\n\n"
                                         "The Kremlin official added that no date had been set.\n\n"
                                         "A senior EU official said the package was ready. The EU official added that "
                                         "Hungary could still block it.")
    assert by_text(statements, "no date had been set").speaker_slug == "dmitry-peskov"
    assert by_text(statements, "Hungary could").speaker_slug is None


def test_parliamentary_record_labels_with_party_in_brackets(engine):
    text = ("Minister questioned on border rules\n"
            "Interior Minister Karin Voss answered questions from Green MP Lars Ek in parliament on Tuesday.\n\n"
            "Lars Ek (Greens): Will the minister rule out new border checks, yes or no?\n\n"
            "Karin Voss (Minister of the Interior): I will rule nothing in and nothing out today. "
            "We will decide in the spring.\n\n"
            "Lars Ek (Greens): The minister promised answers.\n\n"
            "Karin Voss (Minister of the Interior): And she will give them in due course.")
    statements = analyze(engine, text)
    hedge = by_text(statements, "rule nothing in")
    assert hedge.speaker_slug == "karin-voss" and (hedge.kind, hedge.subtype) == ("deflection", "hedged")
    assert by_text(statements, "answers").speaker_slug == "lars-ek"  # a member's statement is one
    assert not [s for s in statements if "?" in s.text]  # a member's question is none


def test_an_office_in_the_lead_belongs_to_the_person_named_next(engine):
    text = ("Borders stay open for now\n"
            "OSLO — Norway's fisheries minister declined on Monday to say whether the quota would be cut.\n\n"
            "Ingrid Solberg, speaking after a cabinet meeting, told reporters that the data were not yet in. "
            "Green MP Per Aas said the delay was a mistake.")
    statements = analyze(engine, text)
    assert by_text(statements, "declined on Monday").speaker_slug == "ingrid-solberg"
    assert by_text(statements, "the delay").speaker_slug == "per-aas"


def test_an_office_is_not_given_to_someone_introduced_with_another(engine):
    text = ("Norway's fisheries minister declined on Monday to say whether the quota would be cut.\n\n"
            "Green MP Per Aas said the delay was a mistake.")
    assert all(s.speaker_slug != "per-aas" for s in analyze(engine, text) if "declined" in s.text)


def test_single_quotes_in_a_headline_are_a_quote_even_without_a_full_stop():
    text = normalise("Minister: \u2018We won\u2019t raise the bar for families\u2019\n\nThe minister spoke on Monday.\n\n"
                     "\u2018A pale imitation\u2019\n\nCritics were unimpressed.")
    blocks = split_blocks(text)
    quoted = [text[a:b] for a, b, _g in quote_spans(text, blocks)]
    assert quoted == ["We won\u2019t raise the bar for families"]


def test_headline_comma_starts_a_new_clause_before_a_subject_and_verb(engine):
    text = ("Czech central bank holds rates, governor rules out further cuts this year\n\n"
            "The Czech National Bank kept its main interest rate at 3.50% on Wednesday, and Governor Petr Hajek "
            "said he saw no room for further cuts.")
    head = analyze(engine, text)[0]
    assert head.speaker_slug == "petr-hajek"
    assert [(t.slug, t.stance) for t in head.topics] == [("interest-rates", "oppose")]


def test_no_thing_will_happen_is_a_refusal(engine):
    assert _kind(engine, "No coal station will close before 2030.") == ("commitment", "refusal")
    assert _kind(engine, "No new licences would be granted this year.") == ("commitment", "refusal")
    assert _kind(engine, "No one will know the cost until June.")[1] != "refusal"


def test_a_quote_published_without_reopening_marks_runs_to_its_closing_mark(engine):
    text = ("Lund: \u201cWe will keep up the pressure\u201d\n\n"
            "Foreign Minister Anna Lund spoke after the council meeting on Monday.\n\n"
            "\u201cIt was a long day. We discussed the situation in the region.\n\n"
            "Our priority remains a ceasefire. We adopted another sanctions package today.\n\n"
            "We will return to this next month\u201d.\n\n"
            "The council meets again in June.")
    statements = analyze(engine, text)
    for fragment in ("Our priority remains a ceasefire", "We adopted another sanctions package", "We will return"):
        st = by_text(statements, fragment)
        assert st.speaker_slug == "anna-lund" and st.direct
    assert not [s for s in statements if "meets again" in s.text]


def test_bare_quotes_under_a_key_takeaways_heading_belong_to_the_one_person_named_before(engine):
    text = ("Governor hints at a cut in September\n\n"
            "Central bank Governor Maria Holt explained the decision at a news conference on Wednesday.\n\n"
            "Key takeaways\n\n"
            "\"We have made no decisions about future meetings.\"\n\n"
            "\"A rate cut could be on the table in September.\"")
    statements = analyze(engine, text)
    assert by_text(statements, "no decisions about future meetings").speaker_slug == "maria-holt"
    assert by_text(statements, "on the table in September").speaker_slug == "maria-holt"


def test_a_transcript_turn_goes_on_in_the_next_unlabelled_paragraph_that_speaks(engine):
    text = ("Minister on the ceasefire talks\n\n"
            "QUESTION: Is a deal more likely today?\n\n"
            "MINISTER HALVORSEN: The response was not the yes we were looking for.\n\n"
            "So we are waiting for their answer, and we will keep pushing for a ceasefire.\n\n"
            "QUESTION: Are they negotiating in good faith?\n\n"
            "MINISTER HALVORSEN: The proof will be in whether we can conclude quickly.\n\n"
            "The interview was recorded on Tuesday in Oslo.")
    text = "Foreign Minister Kari Halvorsen gave an interview on Tuesday.\n\n" + text
    statements = analyze(engine, text)
    assert by_text(statements, "keep pushing for a ceasefire").speaker_slug == "kari-halvorsen"
    assert not [s for s in statements if "recorded on Tuesday" in s.text]


def test_a_contracted_future_is_read_like_will(engine):
    assert _kind(engine, "We'll impose a tariff on steel from July.") == ("commitment", "pledge")
    typographic = engine.analyze("\u201cWe\u2019ll impose a tariff on steel from July,\u201d Trade Minister Jan Berg said.")
    assert [(s.kind, s.subtype) for s in typographic.statements] == [("commitment", "pledge")]
    assert _kind(engine, "We don't comment on that.") == ("deflection", "declined")


def test_a_never_that_denies_giving_up_is_an_assurance_not_a_refusal(engine):
    assert _kind(engine, "Ukraine is not alone and we will never waver.") == ("commitment", "assurance")
    assert _kind(engine, "We will never abandon our partners.") == ("commitment", "assurance")
    assert _kind(engine, "We will never accept the annexation.") == ("commitment", "refusal")


def test_knowing_more_later_defers_and_deciding_on_the_data_hedges(engine):
    assert _kind(engine, "We will know more about the tariffs in the coming weeks.") == ("deflection", "deferred")
    assert _kind(engine, "We'll have a clearer picture of the tariffs by June.") == ("deflection", "deferred")
    assert _kind(engine, "It will be up to us to decide on rates based on the incoming data.") == ("deflection", "hedged")


def test_a_leader_after_a_nationality_is_the_one_whose_title_carries_it(engine):
    text = ("Prime Minister Keir Starmer and French President Emmanuel Macron met in London on Monday. "
            "Starmer said the plan was ready. \"Nothing has been ruled out,\" the French leader said.")
    assert by_text(analyze(engine, text), "Nothing has been ruled out").speaker_slug == "emmanuel-macron"


def test_a_measure_announced_as_going_ahead_is_a_pledge(engine):
    assert _kind(engine, "The high-risk rules of the AI Act will apply from August.") == ("commitment", "pledge")
    assert _kind(engine, "The counter-tariffs would take effect in three weeks.") == ("commitment", "pledge")
    assert _kind(engine, "The tariffs will hit exports of steel.")[0] == "position"


def test_a_journalists_labelled_question_gives_the_answer_its_topic(engine):
    text = ("Transcript: Finance Minister Sean Kelly on the budget and US tariffs\n\n"
            "Finance Minister Sean Kelly spoke to reporters on Wednesday.\n\n"
            "JOURNALIST: Minister, will there be more spending in October?\n\n"
            "MINISTER KELLY: I am not going to do the budget on the steps of this building.\n\n"
            "JOURNALIST: And the tariffs?\n\n"
            "MINISTER KELLY: Nobody wins a trade war.")
    statements = analyze(engine, text)
    assert not [s for s in statements if s.text.endswith("?")]
    answer = by_text(statements, "do the budget")
    assert answer.speaker_slug == "sean-kelly" and [t.slug for t in answer.topics] == ["fiscal-stimulus"]


def test_an_office_is_not_given_to_the_person_spoken_to(engine):
    text = ("Norway's fisheries minister declined to comment on the quota on Monday.\n\n"
            "He spoke to Per Aas after the meeting. Per Aas said the quota was too low.")
    statements = analyze(engine, text)
    assert by_text(statements, "the quota was too low").speaker_slug == "per-aas"
    assert all(s.speaker_slug != "per-aas" for s in statements if "declined" in s.text)


def test_not_giving_the_house_a_date_declines(engine):
    assert _kind(engine, "I am not going to give this House a date for reopening the border.") == ("deflection", "declined")
    assert _kind(engine, "I am not going to give you a date.") == ("deflection", "declined")


def test_an_affiliation_after_a_name_is_no_speaker_and_vice_titles_are_titles(engine):
    moura = analyze(engine, "Rafael Moura of Banco Atlantico said the committee had turned hawkish.")
    assert [s.speaker_slug for s in moura] == ["rafael-moura"]
    group = engine.analyze("Economist Maya Thompson, of the group Clean Air Canada, said it was a betrayal.")
    assert "clean-air-canada" not in {o.slug for o in group.discovered}
    senator = analyze(engine, "Sen. Richard Blumenthal of Connecticut said the ban was overdue.")
    assert [s.speaker_slug for s in senator] == ["richard-blumenthal"]
    vice = engine.analyze("Vice-Governor Karel Dvorak said he had backed the hold.")
    assert [o.slug for o in vice.discovered] == ["karel-dvorak"]


def test_the_central_bank_chief_is_its_governor(engine):
    text = ("Governor Luisa Andrade told reporters the bank would hold rates. "
            "Finance Minister Fernando Haddad criticised the decision as excessive. "
            "Asked about the minister's remarks, the central bank chief said the bank does not answer to pressure.")
    assert by_text(analyze(engine, text), "does not answer to pressure").speaker_slug == "luisa-andrade"


def test_a_name_after_the_modifies_a_noun_and_is_no_person(engine):
    text = ("Governor Luisa Andrade said the bank answers to no one on Faria Lima, the Sao Paulo avenue of the banks.\n\n"
            "Rafael Moura, chief economist at Banco Atlantico in Sao Paulo, said the message was hawkish.")
    analysis = engine.analyze(text)
    assert "sao-paulo" not in {o.slug for o in analysis.discovered}
    assert by_text(analysis.statements, "the message was hawkish").speaker_slug == "rafael-moura"


def test_an_organisation_after_its_common_noun_is_no_person(engine):
    text = ("Chiara Benedetti, director of the Rome-based charity Rotta Sicura, said the letter was an attack on the courts. "
            "Maya Thompson, director of the Toronto-based group Clean Air Canada, condemned the deal as a betrayal.")
    analysis = engine.analyze(text)
    assert not {"rotta-sicura", "clean-air-canada"} & {o.slug for o in analysis.discovered}
    assert by_text(analysis.statements, "attack on the courts").speaker_slug == "chiara-benedetti"


def test_sheikh_is_a_title_not_part_of_the_name(engine):
    analysis = engine.analyze("Sheikh Tamim bin Hamad Al Thani said the mediators would stay engaged.")
    assert [s.speaker_slug for s in analysis.statements] == ["tamim-bin-hamad-al-thani"]


def test_no_room_for_refuses_and_a_matter_for_others_declines(engine):
    assert _kind(engine, "There is no room for easing in 2025.") == ("commitment", "refusal")
    assert _kind(engine, "He saw no room for further cuts before the end of the year.") == ("commitment", "refusal")
    assert _kind(engine, "Closure dates are a matter for the owners and the market operator.") == ("deflection", "declined")
    assert _kind(engine, "She said the decision now lay with leaders.") == ("deflection", "declined")


def test_an_unchanged_line_assures_and_nobody_proposing_refuses(engine):
    assert _kind(engine, "Our position on the border has not changed.") == ("commitment", "assurance")
    assert _kind(engine, "The capital plan is \"locked in\" for five years.") == ("commitment", "assurance")
    assert _kind(engine, "Nobody in this government is proposing to open the border to asylum seekers.") \
        == ("commitment", "refusal")


def test_not_going_to_announce_or_count_declines(engine):
    assert _kind(engine, "I am not going to announce policy from this lectern.") == ("deflection", "declined")
    assert _kind(engine, "I'm not going to count votes in a newspaper.") == ("deflection", "declined")
    assert _kind(engine, "We are not going to raise taxes.")[1] == "refusal"


def test_a_question_answered_later_or_kept_under_review_is_deferred(engine):
    assert _kind(engine, "She said that question would be answered in the next resource plan.") == ("deflection", "deferred")
    assert _kind(engine, "The closure date is under review.") == ("deflection", "deferred")
    assert _kind(engine, "The closure date is no longer under review.")[1] != "deferred"


def test_exemptions_from_migration_rules_weaken_them(engine):
    assert _focus_stance(engine, "We will not grant exemptions.", "migration-controls") == "support"
    assert _focus_stance(engine, "We will grant more exemptions.", "migration-controls") == "oppose"


def test_an_act_with_no_object_is_refused(engine):
    # "will impose no counter-tariffs": the object's "no" denies the act, its kind and its direction
    assert _kind(engine, "Brazil will impose no counter-tariffs on US goods.") == ("commitment", "refusal")
    assert _focus_stance(engine, "Brazil will impose no counter-tariffs on US goods.", "tariffs") == "oppose"
    assert _focus_stance(engine, "We will send no troops.", "troops-deployment") == "oppose"
    assert _focus_stance(engine, "We will impose new tariffs.", "tariffs") == "support"
    assert _kind(engine, "The tariffs will give no relief.")[0] == "position"  # no actor: a forecast



def test_irish_government_titles_are_roles(engine):
    analysis = engine.analyze("Tánaiste Simon Harris said on budget day that the allocation showed the government "
                              "was serious. Taoiseach Micheál Martin said the same.")
    assert {o.slug for o in analysis.discovered} == {"simon-harris", "micheal-martin"}


def test_a_td_is_titled_and_committing_to_something_is_said(engine):
    analysis = engine.analyze("Opposition TD Ciarán Fogarty argued that the defence budget should double.")
    assert [o.slug for o in analysis.discovered] == ["ciaran-fogarty"]
    statements = analyze(engine, "Corrigan commits to €3bn defence budget by 2030\n\n"
                                 "Junior defence minister Niamh Corrigan spoke in Cork on Tuesday.")
    assert by_text(statements, "commits to").speaker_slug == "niamh-corrigan"
