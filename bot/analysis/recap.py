"""Recaps: an article repeating what an official said before ("In March, Smith had pledged ...").

A recap is evidence of the old stance, not news; the shift pass must not read it as the official's
position on the article's date. Decided from the attribution frame (the sentence with quoted text
blanked out), so words inside the quote ("last year we cut rates") do not count."""

from __future__ import annotations

import re
from datetime import date

from .lexicon import _dispatch

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# each alternative a separate entry: `_dispatch` then tries at a word boundary only those that can
# start with the characters found there (the alternation is the same, matches are the same)
_RECAP_ALTERNATIVES = [
    r"had\s+(?:\w+ly\s+)?(?:said|says|pledged|promised|vowed|insisted|argued|warned|told|stated|declared|"
    r"announced|claimed|called|ruled|rejected|dismissed|backed|signalled|signaled|suggested|described|"
    r"acknowledged|admitted|maintained|stressed|refused|declined|agreed|committed|reassured|assured)",
    r"last\s+(?:week|month|year|spring|summer|autumn|fall|winter|" + MONTHS + r")",
    r"earlier\s+(?:this|that|in\s+the)\s+(?:week|month|year)",
    r"(?:in|on|since|back\s+in)\s+(?:early\s+|late\s+|mid-)?(?:" + MONTHS + r")(?:\s+\d{4})?\b(?!\s+\d{1,2}\b)",
    r"\b(?:in|back\s+in)\s+(?:19|20)\d{2}\b",
    # "(?:\d+|two|...)\s+...ago" as two alternatives: a leading \d cannot be dispatched on
    r"\d+\s+(?:days|weeks|months|years)\s+ago",
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|a\s+few|few)"
    r"\s+(?:days|weeks|months|years)\s+ago",
    r"a\s+(?:week|month|year)\s+ago",
    "previously", r"at\s+the\s+time", r"months\s+earlier", r"weeks\s+earlier", r"a\s+year\s+earlier", r"had\s+once",
]
RECAP = re.compile(r"\b(?:" + _dispatch([f"(?:{a})" for a in _RECAP_ALTERNATIVES], second=True) + ")", re.IGNORECASE)


MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS.split("|"), 1)}


def is_recap(frame: str, published: date | None = None) -> bool:
    """True when the attribution places the speech in the past relative to the article.

    A month or year that is the article's own ("said in May" in a May article) is not a recap."""
    for m in RECAP.finditer(frame):
        words = m.group(0).lower().split()
        if published is not None:
            month = next((MONTH_NUMBER[w] for w in words if w in MONTH_NUMBER), None)
            year = next((int(w) for w in words if w.isdigit() and len(w) == 4), None)
            if words[0] != "last" and (month is None or month == published.month) and (
                    year is None or year == published.year) and (month or year):
                continue
        return True
    return False
