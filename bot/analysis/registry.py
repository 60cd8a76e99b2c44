"""Officials and topics registries: TOML files a user can read and extend."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .models import OfficialEntry, Registry, TopicEntry

# letters that Unicode does not decompose into an ASCII letter plus an accent: "Løkke" -> "lokke"
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss",
                               "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
                               "ı": "i", "ħ": "h", "Ħ": "H"})


def slugify(name: str) -> str:
    """`Ursula von der Leyen` -> `ursula-von-der-leyen` (ASCII, lower case, hyphens)."""
    ascii_name = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


class RegistryError(ValueError):
    """A registry file is missing, unreadable or malformed."""


def parse_registry_toml(text: str, source: str = "<string>") -> Registry:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{source}: not valid TOML ({exc})") from None
    officials = []
    for i, item in enumerate(data.get("official", [])):
        name = str(item.get("name", "")).strip()
        if not name:
            raise RegistryError(f"{source}: [[official]] #{i + 1} has no name")
        officials.append(OfficialEntry(
            slug=item.get("slug") or slugify(name),
            name=name,
            titles=tuple(item.get("titles", ())),
            aliases=tuple(item.get("aliases", ())),
        ))
    topics = []
    for i, item in enumerate(data.get("topic", [])):
        slug = str(item.get("slug", "")).strip()
        if not slug:
            raise RegistryError(f"{source}: [[topic]] #{i + 1} has no slug")
        topics.append(TopicEntry(
            slug=slug,
            title=item.get("title", slug),
            keywords=tuple(k.lower() for k in item.get("keywords", ())),
            against=tuple(k.lower() for k in item.get("against", ())),
            proposition=item.get("proposition", ""),
            related=tuple(k.lower() for k in item.get("related", ())),
            toward=tuple(k.lower() for k in item.get("toward", ())),
            more=tuple(k.lower() for k in item.get("more", ())),
            less=tuple(k.lower() for k in item.get("less", ())),
            anchors=tuple(str(k) for k in item.get("anchors", ())),  # proper names: case kept
        ))
    return Registry(tuple(officials), tuple(topics))


def load_registry_files(paths: Iterable[Path]) -> Registry:
    """Merge registry files in order; a later entry with the same slug extends the earlier one."""
    officials: dict[str, OfficialEntry] = {}
    topics: dict[str, TopicEntry] = {}
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RegistryError(f"cannot read registry {path}: {exc.strerror}") from None
        reg = parse_registry_toml(text, str(path))
        for o in reg.officials:
            old = officials.get(o.slug)
            officials[o.slug] = o if old is None else merge_official(old, o)
        for t in reg.topics:
            old = topics.get(t.slug)
            topics[t.slug] = t if old is None else TopicEntry(
                t.slug, t.title or old.title, _union(old.keywords, t.keywords),
                _union(old.against, t.against), t.proposition or old.proposition, _union(old.related, t.related),
                _union(old.toward, t.toward), _union(old.more, t.more), _union(old.less, t.less),
                _union(old.anchors, t.anchors))
    return Registry(tuple(officials.values()), tuple(topics.values()))


def merge_official(a: OfficialEntry, b: OfficialEntry) -> OfficialEntry:
    return OfficialEntry(a.slug, a.name, _union(a.titles, b.titles), _union(a.aliases, b.aliases))


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))
