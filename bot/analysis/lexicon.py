"""Load the cue lexicons in `data/` once. The engine never hard-codes a word list elsewhere."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class CueTable:
    kind: str
    subtype: str
    priority: int
    needs_topic: bool
    why: str
    decides: bool
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    reporting_verbs: re.Pattern[str]
    deflection_verbs: re.Pattern[str]
    roles: tuple[str, ...]
    role_pattern: re.Pattern[str]
    generic_title: re.Pattern[str]  # "the (central bank) chief (of the Alliance)"
    cues: tuple[CueTable, ...]
    support: re.Pattern[str]
    oppose: re.Pattern[str]
    negation: re.Pattern[str]
    undo: re.Pattern[str]


def _lines(name: str) -> list[str]:
    out = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    body = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return re.compile(rf"(?<![\w'\u2019])(?:{body})(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    verbs = _lines("reporting_verbs.txt")
    escaped = [re.escape(v).replace(r"\ ", r"\s+") for v in verbs]
    deflect = [e for v, e in zip(verbs, escaped, strict=True) if v.split()[0] in {
        "declined", "declines", "declining", "refused", "refuses", "refusing", "refrained", "refrains",
        "refraining", "would", "wouldn't", "did", "sidestepped", "sidesteps", "dodged", "avoided", "avoids",
        "was", "were", "stopped", "stops", "steered"}]
    roles = tuple(_lines("roles.txt"))
    role_alts = sorted((re.escape(r).replace(r"\ ", r"\s+") for r in roles), key=len, reverse=True)
    cue_data = tomllib.loads((DATA / "cues.toml").read_text(encoding="utf-8"))
    cues = []
    for kind, tables in cue_data.items():
        for name, table in tables.items():
            cues.append(CueTable(
                kind=kind,
                subtype=table.get("subtype", name),
                priority=int(table["priority"]),
                needs_topic=bool(table.get("needs_topic", False)),
                why=table.get("why", ""),
                decides=bool(table.get("decides", True)),
                pattern=_alternation(table["patterns"]),
            ))
    cues.sort(key=lambda c: -c.priority)
    stance = tomllib.loads((DATA / "stance.toml").read_text(encoding="utf-8"))
    return Lexicon(
        reporting_verbs=_alternation(escaped),
        deflection_verbs=_alternation(deflect),
        roles=roles,
        role_pattern=_alternation(role_alts),
        generic_title=re.compile(
            r"(?<![\w])[Tt]he\s+((?:[\w.\u2019'-]+\s+){0,3}?(?:" + "|".join(role_alts)
            + r")(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?)(?![\w])",
            re.IGNORECASE,
        ),
        cues=tuple(cues),
        support=_alternation(stance["support"]["patterns"]),
        oppose=_alternation(stance["oppose"]["patterns"]),
        negation=_alternation(stance["negation"]["patterns"]),
        undo=_alternation(stance["undo"]["patterns"]),
    )
