"""Stance positions and shift detection: pure functions over small records.

Scale: each statement's stance on a topic becomes a position in [-1, 1] (commitment + support
high, deflection or neutral in the middle, refusal / opposition low; hedges pull toward 0). An
article gets one position per (official, topic); consecutive articles in publication order are
compared. See README "Shift semantics"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Base strength of each clause kind when the stance is support (mirrored for oppose).
STRENGTH = {
    ("commitment", "assurance"): 1.0,
    ("commitment", "pledge"): 0.9,
    ("commitment", "agreement"): 0.9,
    ("commitment", "refusal"): 1.0,
    ("deflection", "pivoted"): 0.6,
    ("position", "claim"): 0.6,
    ("deflection", "hedged"): 0.3,
    ("deflection", "declined"): 0.0,
    ("deflection", "deferred"): 0.0,
}
# How much a statement counts toward its article's position.
WEIGHT = {"commitment": 1.0, "deflection": 0.8, "position": 0.5}
WEAKENING = 0.6  # hedges and modal weakening ("could", "tentatively", "no longer")
REVERSAL_FLOOR = 0.35  # both sides must be at least this far from neutral to count as a reversal


def statement_position(kind: str, subtype: str, stance: str, weakened: bool) -> float:
    """Where one statement sits on the topic: +1 firmly for, 0 noncommittal, -1 firmly against."""
    strength = STRENGTH.get((kind, subtype), 0.5)
    sign = {"support": 1.0, "oppose": -1.0}.get(stance, 0.0)
    if kind == "commitment" and subtype == "refusal" and stance == "neutral":
        sign = -1.0
    value = strength * sign
    return value * WEAKENING if weakened else value


@dataclass(frozen=True)
class PositionInput:
    statement_id: int
    kind: str
    position: float


def article_position(items: Sequence[PositionInput]) -> tuple[float, int]:
    """Weighted mean of an article's statements on a topic, and its strongest evidence.

    Neutral claims carry little information, so they count little; deflections count almost as
    much as commitments, because dodging a question one used to answer firmly is the signal."""
    total = weight_sum = 0.0
    for it in items:
        w = WEIGHT.get(it.kind, 0.5)
        if it.kind == "position" and it.position == 0:
            w = 0.2
        total += w * it.position
        weight_sum += w
    value = total / weight_sum if weight_sum else 0.0
    evidence = max(items, key=lambda it: (_evidence_rank(it, value), -it.statement_id))
    return round(value, 4), evidence.statement_id


def _evidence_rank(it: PositionInput, value: float) -> float:
    """Prefer the statement closest to the article's position, commitments and deflections first."""
    return -abs(it.position - value) + (0.3 if it.kind != "position" else 0.0) + 0.1 * abs(it.position)


@dataclass(frozen=True)
class ShiftCall:
    type: str  # softened | strengthened | reversed
    confidence: float


def compare(before: float, after: float, threshold: float = 0.35) -> ShiftCall | None:
    """Flip-O-Meter style comparison of two article positions; None for no (or a small) change."""
    if before * after < 0 and abs(before) >= REVERSAL_FLOOR and abs(after) >= REVERSAL_FLOOR:
        return ShiftCall("reversed", _confidence(abs(after - before), 2.0))
    delta = abs(after) - abs(before)
    if delta <= -threshold:
        return ShiftCall("softened", _confidence(-delta, 1.0))
    if delta >= threshold:
        return ShiftCall("strengthened", _confidence(delta, 1.0))
    return None


def _confidence(change: float, full: float) -> float:
    return round(min(1.0, 0.5 + 0.5 * min(1.0, change / full)), 2)


def explain(kind: str, name: str, topic: str, to_date: str, to_quote: str, to_outlet: str,
            from_date: str, from_quote: str, from_outlet: str) -> str:
    """One sentence a user can read: the new statement first, then what was said before."""
    verb = {"softened": "softened", "strengthened": "firmed up", "reversed": "reversed"}[kind]
    src_to = f" ({to_outlet})" if to_outlet else ""
    src_from = f" ({from_outlet})" if from_outlet else ""
    return (f"{name} {verb} on {topic}: on {to_date} {name} said \u201c{_clip(to_quote)}\u201d{src_to}; "
            f"on {from_date} {name} had said \u201c{_clip(from_quote)}\u201d{src_from}.")


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
