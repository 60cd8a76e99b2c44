"""Recaps: an article repeating what an official said before ("In March, Smith had pledged ...").

A recap is evidence of the old stance, not news; the shift pass must not read it as the official's
position on the article's date. Decided from the attribution frame (the sentence with quoted text
blanked out), so words inside the quote ("last year we cut rates") do not count."""

from __future__ import annotations

import re
from datetime import date

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
RECAP = re.compile(
    r"\b(?:had\s+(?:\w+ly\s+)?(?:said|says|pledged|promised|vowed|insisted|argued|warned|told|stated|declared|"
    r"announced|claimed|called|ruled|rejected|dismissed|backed|signalled|signaled|suggested|described|"
    r"acknowledged|admitted|maintained|stressed|refused|declined|agreed|committed|reassured|assured)"
    r"|last\s+(?:week|month|year|spring|summer|autumn|fall|winter|" + MONTHS + r")"
    r"|earlier\s+(?:this|that|in\s+the)\s+(?:week|month|year)"
    r"|(?:in|on|since|back\s+in)\s+(?:early\s+|late\s+|mid-)?(?:" + MONTHS + r")(?:\s+\d{4})?\b(?!\s+\d{1,2}\b)"
    r"|\b(?:in|back\s+in)\s+(?:19|20)\d{2}\b"
    r"|(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|a\s+few|few)"
    r"\s+(?:days|weeks|months|years)\s+ago|a\s+(?:week|month|year)\s+ago"
    r"|previously|at\s+the\s+time|months\s+earlier|weeks\s+earlier|a\s+year\s+earlier|had\s+once)",
    re.IGNORECASE,
)


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
