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


DEFLECTION_DISCOUNT = 0.7  # an article of nothing but deflections keeps 30% of its firm statements' mean


def article_position(items: Sequence[PositionInput]) -> tuple[float, int, float, float]:
    """One article's position on a topic, its evidence, its share of deflections and its peak.

    The mean of the statements that take a side sets direction and strength, so one misread
    sentence does not decide the article; the share of deflections in the same article ("step by
    step", declined to comment) pulls it toward neutral, because hedging beside a firm line is
    itself a signal. Neutral claims are ignored. The evidence is the strongest statement on the
    article's side (or its first deflection when the article takes no side); the peak is how firm
    that strongest statement is (0 when the article takes no side)."""
    informative = [it for it in items if not (it.kind == "position" and it.position == 0)]
    if not informative:
        informative = list(items)
    firm = [it for it in informative if it.kind != "deflection" or it.position != 0]
    deflections = [it for it in informative if it.kind == "deflection"]
    share = len(deflections) / len(informative) if informative else 0.0
    value = 0.0
    if firm:
        value = sum(it.position for it in firm) / len(firm) * (1 - DEFLECTION_DISCOUNT * share)
    side = [it for it in firm if it.position * value > 0]
    strongest = max(side, key=lambda it: (abs(it.position), it.kind == "commitment", -it.statement_id)) if side else None
    if strongest is not None and abs(value) >= 0.25:
        evidence = strongest
    elif deflections:
        evidence = min(deflections, key=lambda it: it.statement_id)
    else:
        evidence = min(informative, key=lambda it: (-abs(it.position), it.statement_id))
    peak = abs(strongest.position) if strongest is not None else 0.0
    return round(value, 4), evidence.statement_id, round(share, 4), round(peak, 4)


@dataclass(frozen=True)
class ShiftCall:
    type: str  # softened | strengthened | reversed
    confidence: float


HALF_STEP = 0.15  # a smaller change of position still counts when the mix of answers moved too
MIX_STEP = 0.25  # ... by at least this share of deflections (hedging where there was a firm line)


PEAK_STEP = 0.1  # after a firm commitment, strengthening needs a firmer strongest statement
COMMITTED = 0.85  # a peak this high means the earlier article already held a firm commitment


FRAMED_STEP = 0.05  # a change the report names in its own words needs only a move this large its way


def compare(before: float, after: float, threshold: float = 0.35, before_share: float | None = None,
            after_share: float | None = None, before_peak: float | None = None,
            after_peak: float | None = None, framing: str = "") -> ShiftCall | None:
    """Flip-O-Meter style comparison of two article positions; None for no (or a small) change.

    A "half flip" is also recognised: a moderate drop in position together with a clear rise in
    the share of deflections (or the mirror image for strengthening). Strengthening also needs the
    strongest statement to be firmer than the earlier article's when that one already held a firm
    commitment: repeating a line already given (without the hedges that came with it) is a
    restatement, not a firmer stance.

    `framing` is the later article's own word for a change (see `framing.py`): a reversal the
    report names is one when the position moved toward the other side by HALF_STEP; a named
    softening or firming needs only a move of FRAMED_STEP its way; a change named without a
    direction lowers the softening and firming thresholds to HALF_STEP (a reversal still needs
    both sides firm). Positions that moved the other way win."""
    if framing:
        call = _framed(before, after, framing)
        if call is not None:
            return call
    if before * after < 0 and abs(before) >= REVERSAL_FLOOR and abs(after) >= REVERSAL_FLOOR:
        return ShiftCall("reversed", _confidence(abs(after - before), 2.0))
    delta = abs(after) - abs(before)
    if before * after < 0 and abs(after) >= REVERSAL_FLOOR:
        delta = abs(after - before)  # from a weak lean the other way to a firm stance: the whole move firms it up
    mix = (after_share - before_share) if before_share is not None and after_share is not None else 0.0
    if delta <= -threshold or (delta <= -HALF_STEP and mix >= MIX_STEP):
        return ShiftCall("softened", _confidence(-delta, 1.0))
    firmer = before_peak is None or after_peak is None or before_peak < COMMITTED or before * after < 0 \
        or round(after_peak - before_peak, 4) > PEAK_STEP  # pledge (0.9) to assurance (1.0) is a restatement
    if firmer and (delta >= threshold or (delta >= HALF_STEP and mix <= -MIX_STEP)):
        return ShiftCall("strengthened", _confidence(delta, 1.0))
    return None


def _framed(before: float, after: float, framing: str) -> ShiftCall | None:
    move = after - before
    if framing == "reversed" and ((before * after < 0 and min(abs(before), abs(after)) >= HALF_STEP)
                                  or (move * before < 0 and abs(move) >= HALF_STEP)):
        return ShiftCall("reversed", _confidence(abs(move), 2.0))
    delta = abs(after) - abs(before)
    step = FRAMED_STEP if framing in ("softened", "strengthened") else HALF_STEP
    if delta <= -step and framing != "strengthened":
        return ShiftCall("softened", _confidence(-delta, 1.0))
    if delta >= step and framing != "softened":
        return ShiftCall("strengthened", _confidence(delta, 1.0))
    return None


def is_firm(position: float) -> bool:
    return abs(position) >= REVERSAL_FLOOR


def timeline_shifts(points: Sequence, firm_before=None, threshold: float = 0.35) -> list[tuple]:
    """(from, to, ShiftCall) for each point of a chronological stretch that shifted.

    `points` have `.position`, `.deflection_share` and `.peak`; the first one is only a reference (it was
    compared when it arrived). Each point is compared with the one before it; a firm stance that
    is the opposite of the last firm stance is a reversal even when hedged articles came between
    (+1 "we will close every unit", 0 "we may keep some in reserve", -0.9 "no closure date"): then
    the shift runs from that last firm article. `firm_before` is the last firm point before the
    stretch, if any."""
    out = []
    firm = firm_before
    for prev, cur in zip(points, points[1:], strict=False):
        if is_firm(prev.position):
            firm = prev
        call = compare(prev.position, cur.position, threshold, prev.deflection_share, cur.deflection_share,
                       getattr(prev, "peak", None), getattr(cur, "peak", None), getattr(cur, "framing", ""))
        start = prev
        if (call is None or call.type != "reversed") and firm is not None and firm is not prev \
                and firm.position * cur.position < 0 and is_firm(cur.position):
            call, start = ShiftCall("reversed", _confidence(abs(cur.position - firm.position), 2.0)), firm
        if call is not None:
            out.append((start, cur, call))
    return out


def _confidence(change: float, full: float) -> float:
    return round(min(1.0, 0.5 + 0.5 * min(1.0, change / full)), 2)


def explain(kind: str, name: str, topic: str, to_date: str, to_quote: str, to_outlet: str,
            from_date: str, from_quote: str, from_outlet: str, framing_cue: str = "") -> str:
    """One sentence a user can read: the new statement first, then what was said before, then the
    report's own words for the change when it used any."""
    verb = {"softened": "softened", "strengthened": "firmed up", "reversed": "reversed"}[kind]
    src_to = f" ({to_outlet})" if to_outlet else ""
    src_from = f" ({from_outlet})" if from_outlet else ""
    framed = f" The report\u2019s own words: \u201c{_clip(framing_cue, 80)}\u201d." if framing_cue else ""
    return (f"{name} {verb} on {topic}: on {to_date} {name} said \u201c{_clip(to_quote)}\u201d{src_to}; "
            f"on {from_date} {name} had said \u201c{_clip(from_quote)}\u201d{src_from}.{framed}")


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
