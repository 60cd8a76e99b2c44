"""The speed-ups in the analysis engine must give exactly what the plain regexes give."""

import re

from bot.analysis import lexicon
from bot.analysis.classify import _occurs

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
