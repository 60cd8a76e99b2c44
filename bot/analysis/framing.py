"""Framing: the reporter saying in their own words that an official's stance changed.

News reports name a change when they see one: "a reversal that drew sharp reactions", "striking
a far more confident tone than before the summer", "a marked change from his earlier insistence".
Those words (data/framing.toml) are read outside quotation marks; a word that is only asked about
("Asked whether that amounted to a U-turn") says that a change is in question, not which way; a
denied one ("no sign of retreat") says nothing. Which official the words are about, and whether
they are old news, is decided by the caller, which knows the article's people."""

from __future__ import annotations

import re

from .heads import matches, starts
from .lexicon import Lexicon

# the reporter asks, or reports a question: the word is in question, its direction is not asserted
_ASKED = re.compile(r"\b(?:asked|pressed|questioned|challenged|quizzed)\b|\bwhether\b|\?", re.IGNORECASE)
# a negated or denied change: "has given no sign of retreat", "not a change of direction", "denied a U-turn"
_DENIED = re.compile(
    r"(?:\bno\s+(?:sign|hint|suggestion|evidence|indication)s?\s+of|\b(?:not|never|no|without|denied|denies|"
    r"denying|rejected|rejects|dismissed|dismisses)|n't)\s+(?:(?:a|an|any|the|his|her|their|its|such)\s+)?"
    r"(?:\w+\s+){0,1}$", re.IGNORECASE)

_TAIL = re.compile(r"(?:[ \t]+[\w'\u2019%-]+){0,6}")


def framing_cues(frame: str, lexicon: Lexicon) -> list[tuple[str, str, int, int]]:
    """(type, words, start, end) for each framing phrase in one sentence (quotes blanked out): `end`
    is where the phrase ends, `words` runs on a few words further, as a user would read it."""
    out = []
    low = None
    where = starts(frame, lexicon.sentence_index)
    for number, (kind, pattern, requires, heads) in enumerate(lexicon.framing):
        if heads is not None:
            if number not in where:
                continue  # none of the words a match starts with: nothing to try
            found = matches(pattern, frame, where[number])
        else:
            low = frame.lower() if low is None else low
            if not any(literal in low for literal in requires):
                continue  # none of the words a match needs: no regex scan
            found = pattern.finditer(frame)
        for m in found:
            if _DENIED.search(frame, max(0, m.start() - 40), m.start()):
                continue
            asked = _ASKED.search(frame, 0, m.start()) or "?" in frame[m.end():]
            # the words with what follows them in the clause, as a user reads them: "softened his stance on tariffs"
            shown = frame[m.start():m.end() + len(_TAIL.match(frame, m.end()).group(0).rstrip())]
            out.append(("changed" if asked else kind, shown, m.start(), m.end()))
    return out


def article_framing(types: list[str]) -> str:
    """One article's framing for an official and topic: a stated direction, or `changed` when the
    report only says that something changed (or says both ways)."""
    stated = set(types) - {"changed"}
    if len(stated) == 1:
        return stated.pop()
    if "reversed" in stated:
        return "reversed"
    return "changed" if types else ""
