"""The speed-ups in the analysis engine must give exactly what the plain regexes give."""

import hashlib
import random
import re
from pathlib import Path

from bot.analysis import classify, heads, lexicon
from bot.analysis.classify import _occurs
from bot.analysis.speakers import _last_words
from bot.analysis.text import looks_english
from bot.service import content_hash

TEXTS = [
    "He declined to comment, saying it was too early to say whether rates could change.",
    "We will not send troops; there will be no rate cut. It's possible, she said, we'll see.",
    "MAY the deal hold? In May they may agree. 'll we? Step-by-step, not now.",
]


def _plain(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?:(?<!\w)(?<!\w['\u2019])|(?=['\u2019]))(?:{body})(?![\w])", re.IGNORECASE)


def test_dispatched_alternation_matches_like_the_plain_one():
    patterns = ["declin(e|ed) to (comment|say)", "too (early|soon)", "(could|may|might) (change|shift)",
                "(?<!in )may(?! \\d)", "'ll", "there (will|would) be no", "(we|(?-i:[A-Z])\\w+) will not \\w+",
                "step[- ]by[- ]step", "not (now|today)", "\\w+ly possible", "possible"]
    fast, plain = lexicon._alternation(patterns), _plain(patterns)
    for text in TEXTS + [t.upper() for t in TEXTS]:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_phrase_occurrences_match_the_regex():
    text = "rate cuts, rate cut; rate-cut rate cutting xrate cut rate cut"
    for key in ("rate cut", "rate cuts", "cut", "ut"):
        pattern = re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])")
        assert _occurs(key, text) == [m.span() for m in pattern.finditer(text)]


def test_first_words_lists_where_a_match_can_start():
    first = heads.first_words
    assert first("declin(e|ed) to (comment|say)") == {"decline": {"to"}, "declined": {"to"}}
    assert first("(sidestep|dodg)(ed|s)?( the)? question") == {
        w: {"the", "question"} for w in ("sidestep", "sidesteped", "sidesteps", "dodg", "dodged", "dodgs")}
    assert first("'ll") == {"'ll": None}
    assert first("(won't|will not) say") == {"won": None, "will": {"not"}}
    assert first("step[- ]by[- ]step") == {"step": None}  # a hyphen between: no second word to require
    assert first("(we )?will") == {"we": {"will"}, "will": None}
    assert first("(is|was) [\"\u201c]?under (review|way)") == {"is": {"under"}, "was": {"under"}}
    assert first("the\\s+(new\\s+)?(bank|fund\\w*)") == {"the": None}  # the second word can grow on
    assert first("(we|(?-i:[A-Z])[\\w-]+) will not") == {"we": {"will"}, heads.CAPITALISED: {"will"}}
    assert first("(?-i:[A-Z])[\\w.']* said") == {heads.CAPITALISED: None}  # a dot or apostrophe may end it
    assert first("^(?-i:[A-Z])\\w+ to") == {heads.BEGINNING: None}
    assert first("t\u00e1naiste") == {"t\u00e1naiste": None}  # a letter whose cases are plain pairs
    assert first("\u03bf\u03b4\u03bf\u03c3") is None and first("stra\u00dfe") is None  # \u03c3/\u03c2, \u00df/SS
    assert first("ask [\\w ]{2,30}, not me") == {"ask": None}  # a repeat after the first word ends it
    # a first word that can grow on, or a start that is not a word: not listed, the table is scanned
    for pattern in ("promis\\w+ to", "\\w+ly possible", "[\"\u201c]here to stay", "x\\B"):
        assert first(pattern) is None


def test_a_capitalised_word_is_read_whole_with_its_hyphens():
    pattern = lexicon._alternation(["(?-i:[A-Z])[\\w-]+ will not"])
    index = heads.head_index([lexicon._table_heads(["(?-i:[A-Z])[\\w-]+ will not"])])
    for text in ("Jean-Luc will not", "So Anna- will not go", "Lund--Berg will not", "Berg said Anna will not",
                 "Berg will, not", "x Berg \u201cwill not"):
        heads.forget_texts()
        fast = [m.span() for m in heads.matches(pattern, text, heads.starts(text, index).get(0, []))]
        assert fast == [m.span() for m in pattern.finditer(text)], text


SAMPLES = TEXTS + [
    "\u201cWe\u2019ll see,\u201d she said. \u2018Here to stay\u2019 -- DECLINED TO COMMENT. Mr Stone won\u2019t say.",
    "The \u017fecretary declined to comment; the \u212aing will not budge. \u0130t is not yet ready.",
    "\u0130 will not budge: \u017ftep by \u017ftep, \u0131 said.",
    "The \u2018government will not; the\ngovernment  will\tnot \u201csend; will, not. We\u2019ll be \u201cunder review\u201d.",
    "It reversed course; she backpedalled and softened her stance, a U-turn. 'Tis not now.",
    "The vice-president and the Vice President met the prime minister, the central bank chief and the minister.",
    "French minister warns; EU chief, Vice-President say no",
]


def test_cue_tables_tried_at_their_words_find_what_a_full_scan_finds():
    lex = lexicon.load_lexicon()
    seed = next((Path(__file__).parent.parent / "seeds" / "articles").glob("*.md")).read_text(encoding="utf-8")
    texts = SAMPLES + [t.upper() for t in SAMPLES] + [t.lower() for t in SAMPLES] + seed.split("\n\n")
    listed = 0
    for text in texts:
        cue_starts = heads.starts(text, lex.cue_index)
        framing_starts = heads.starts(text, lex.sentence_index)
        for number, table in enumerate(lex.cues):
            if table.heads is not None:
                listed += 1
                fast = heads.matches(table.pattern, text, cue_starts.get(number, []))
                assert [m.span() for m in fast] == [m.span() for m in table.pattern.finditer(text)], (table.name, text)
        for number, (_kind, pattern, _requires, words) in enumerate(lex.framing):
            if words is not None:
                fast = heads.matches(pattern, text, framing_starts.get(number, []))
                assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)], (_kind, text)
        for number, pattern in ((lex.support_at, lex.support), (lex.oppose_at, lex.oppose)):
            assert number not in lex.unlisted
            fast = heads.matches(pattern, text, cue_starts.get(number, []))
            assert [m.span() for m in fast] == [m.span() for m in pattern.finditer(text)], text
        roles = heads.matches(lex.role_pattern, text, framing_starts.get(lex.roles_at, []))
        assert [m.span() for m in roles] == [m.span() for m in lex.role_pattern.finditer(text)], text
        if lex.generic_title.search(text) or lex.bare_title.search(text):  # "the (...) minister", "French
            assert lex.roles_at in framing_starts, text  # minister" hold a role word: the index finds it
        verbs = heads.matches(lex.reporting_verbs, text, framing_starts.get(lex.verbs_at, []))
        assert [m.span() for m in verbs] == [m.span() for m in lex.reporting_verbs.finditer(text)], text
    assert listed >= len(texts) * (len(lex.cues) - 2)  # nearly every table is tried at its words only


def test_content_hash_is_the_digest_of_the_whitespace_collapsed_lower_case_text():
    # duplicates are found by this digest in databases written by earlier versions: it must not change
    for text in ("A  b\tC\n\nd", " x\u2028Y\x1cz\u3000 ", "Plain text."):
        simple = re.sub(r"\s+", " ", text).strip().lower()
        assert content_hash(text) == hashlib.sha256(simple.encode("utf-8")).hexdigest()


def test_language_check_reads_the_first_three_thousand_words_wherever_they_end():
    foreign = " ".join(["xylophonequartzwaltz"] * 2000)  # 2,000 long words fill the first 42,000 characters
    assert looks_english(foreign + " the of and to in a is that" * 125)  # 1,000 function words among the first 3,000
    assert not looks_english(foreign + " xylo" * 1000 + " the of and to in a is that" * 125)  # only after them


def test_last_words_before_a_name_are_what_the_anchored_regex_gives():
    plain = re.compile(r"((?:[\w.\u2019'&-]+\s+){0,6}?[\w.\u2019'&-]+)\s*,?\s*$")
    pieces = ["a", "B", "\u00e9", "1", "_", ".", "'", "\u2019", "&", "-", " ", "  ", "\n", ",", "(", "\"", ":", "\u2028"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        m = plain.search(text)
        assert _last_words(text) == (m.group(1).split() if m else []), text


def test_simplified_text_and_long_words_are_what_the_regexes_give():
    spaces, word = re.compile(r"[\s-]+"), re.compile(r"[a-z0-9][a-z0-9'-]*")
    pieces = ["a", "B", "7", "-", "--", " ", "  ", "\n", "\t", "\u2028", "\u2019", "'", ",", "\u00e9", "xyzzyq"]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        simple = classify._simplify(text)
        assert simple == spaces.sub(" ", text.lower().replace("\u2019", "'")), text
        assert [m.span() for m in classify._LONG_WORD.finditer(simple)] == [
            m.span() for m in word.finditer(simple) if len(m.group(0)) >= 6], text


def test_folded_text_holds_every_case_insensitive_match_of_an_ascii_word():
    words = ["takeaways", "highlights", "quotes", "kiss", "six"]
    pieces = ["t", "A", "k", "\u212a", "s", "\u017f", "i", "\u0130", "\u0131", "q", "u", "o", "e", " ", "h", "g", "l",
              "w", "y", "x", "\u00df"]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        low = heads.folded(text)
        assert len(low) == len(text)
        for word in words:
            if re.search(word, text, re.IGNORECASE):
                assert word in low, (word, text)


def test_counted_votes_are_the_regex_matches():
    texts = ["Five capitals backed the plan.", "TWO MEMBERS VOTED AGAINST IT", "One member of the council had not "
             "ſupported the decision.", "Several governors dissented, and three allies objected.", "We backed it."]
    for text in texts + SAMPLES:
        assert [m.span() for m in classify.counted_votes(text)] == [m.span() for m in classify.COUNTED_VOTE.finditer(text)]
    assert next(classify.counted_votes(texts[2]), None) is not None


def test_letter_words_of_ascii_text_are_what_the_unicode_class_gives():
    from bot.analysis.text import _LETTERS, _letter_words
    rng = random.Random(3)
    pieces = ["a", "Z", "q", "_", "9", " ", "'", "-", ".", "\n", "aB"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert _letter_words(text) == _LETTERS.findall(text.lower())


def test_ascii_word_runs_are_the_unicode_word_runs():
    rng = random.Random(4)
    pieces = ["a", "z", "q", "_", "9", " ", "'", "-", ".", "\n", "ab"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert heads._ASCII_RUN.findall(text) == re.findall(r"\w+", text)
        assert heads.word_runs(text).findall(text) == re.findall(r"\w+", text)  # the pattern both modules use


def test_random_cue_patterns_tried_at_their_words_find_what_a_full_scan_finds():
    # patterns built at random from words, groups, optional parts, classes, look-arounds and the
    # separators the lexicons use: wherever the first words can be listed, the index finds every match
    rng = random.Random(17)
    words = ["we", "will", "not", "the", "a", "cut", "rates", "won't", "it", "'ll", "say", "no", "stay", "in",
             "t\u00e1naiste", "\u00e9mile", "stra\u00dfe", "\u03bf\u03b4\u03bf\u03c3"]

    def atom(depth: int) -> str:
        r = rng.random()
        if r < 0.35:
            return rng.choice(words)
        if r < 0.45 and depth < 2:
            return "(" + "|".join(seq(depth + 1) for _ in range(rng.randint(2, 3))) + ")"
        if r < 0.55 and depth < 2:
            return "(" + seq(depth + 1) + ")?"
        if r < 0.62:
            return rng.choice(["[\\w ]{0,10}", "\\w+", "[a-z]+", "(?-i:[A-Z])[\\w-]+", "\\d+"])
        if r < 0.70:
            return rng.choice(["(?!\\w)", "\\b", "(?=no)", "(?<!not )"])
        if r < 0.78:
            return rng.choice(["s?", "(s|ed|ing)?", "(e|es)"])
        return rng.choice(words)

    def seq(depth: int = 0) -> str:
        out = atom(depth)
        for _ in range(rng.randint(0, 2)):
            out += rng.choice([" ", " ", "\\s+", "-", "", "[- ]"]) + atom(depth)
        return out

    text_words = words + ["We", "WILL", "Not", "Rates", "we'll", "it's", "\u2018the", "\u201cwe", "Anna", "said",
                          "Jean-Luc", "Anna-", "Lund--Berg", "O'Neill", "T\u00e1naiste", "T\u00c1NAISTE", "\u00c9mile",
                          "STRASSE", "\u039f\u0394\u039f\u03a3", "\u03bf\u03b4\u03bf\u03c2",
                          "\u017fay", "\u212a", "won\u2019t", "1", ",", ".", "  ", "\n"]
    checked = found = 0
    for _ in range(600):
        patterns = [seq() for _ in range(rng.randint(1, 3))]
        try:
            compiled = lexicon._alternation(patterns)
        except re.error:
            continue
        first = lexicon._table_heads(patterns)
        if first is None:
            continue
        index = heads.head_index([first])
        for _ in range(8):
            text = "".join(rng.choice(text_words) + rng.choice([" ", "", ", ", "'", "\u2019", "-", " \u201c"])
                           for _ in range(rng.randint(1, 14)))
            heads.forget_texts()
            fast = [m.span() for m in heads.matches(compiled, text, heads.starts(text, index).get(0, []))]
            slow = [m.span() for m in compiled.finditer(text)]
            assert fast == slow, (patterns, text)
            checked += 1
            found += bool(slow)
    assert checked > 1500 and found > 150  # the test reaches many patterns and many matches


def test_no_cue_phrase_puts_a_contraction_after_a_space():
    # "(that|it) (is|'s)" can never match "that's": the contraction follows the word without a space
    import tomllib

    data = Path(lexicon.__file__).parent / "data"
    unreachable = []
    for name in ("cues.toml", "stance.toml", "framing.toml"):
        tables = tomllib.loads((data / name).read_text(encoding="utf-8"))
        stack = [tables]
        while stack:
            node = stack.pop()
            for value in node.values() if isinstance(node, dict) else ():
                if isinstance(value, dict):
                    stack.append(value)
                elif isinstance(value, list):
                    for pattern in (p for p in value if isinstance(p, str)):
                        for group in re.finditer(r" \(((?:[^()]|\([^()]*\))*)\)", pattern):
                            if any(alt.startswith(("'", "\u2019")) for alt in group.group(1).split("|")):
                                unreachable.append((name, pattern))
    assert unreachable == []
