"""Read articles from files: .txt/.md (optional front matter), .html, .json, .jsonl, directories.

Every problem becomes a `SourceError` with a one-line message; nothing here touches the database."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import yaml

MAX_BYTES = 5 * 1024 * 1024  # a news article is far smaller; bigger files are refused, not truncated
SUPPORTED = {".txt", ".md", ".html", ".htm", ".json", ".jsonl"}


class SourceError(ValueError):
    """Input that cannot be used, with a message fit for a user."""


@dataclass(frozen=True)
class ArticleInput:
    text: str
    title: str = ""
    url: str | None = None
    published: date | None = None
    outlet: str = ""
    origin: str = ""  # where it came from, for messages


def parse_date(value: object, where: str = "") -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        raise SourceError(f"{where}bad date {text!r}: use YYYY-MM-DD")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise SourceError(f"{where}bad date {text!r}: no such day") from None


def iter_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED and not child.name.startswith(".") \
                        and not child.name.lower().startswith("readme"):
                    yield child
        else:
            yield path


def read_file(path: Path) -> list[ArticleInput]:
    """All articles in one file. Raises SourceError for unusable input."""
    if not path.exists():
        raise SourceError(f"{path}: no such file")
    if not path.is_file():
        raise SourceError(f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"{path}: file is empty")
    if size > MAX_BYTES and path.suffix.lower() != ".jsonl":
        raise SourceError(f"{path}: file is {size / 1e6:.1f} MB; articles over {MAX_BYTES // 1_000_000} MB are refused")
    raw = path.read_bytes()
    text = decode(raw, str(path))
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [from_html(text, str(path))]
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
        return [from_mapping(obj, f"{path}: ")]
    if suffix == ".jsonl":
        out = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
            out.append(from_mapping(obj, f"{path}:{n}: "))
        return out
    if suffix in (".txt", ".md", ""):
        return [from_text(text, str(path))]
    raise SourceError(f"{path}: unsupported file type {suffix!r} (use .txt, .md, .html, .json or .jsonl)")


def decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise SourceError(f"{where}: looks like a binary file, not an article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{where}: not UTF-8 text (bad byte at offset {exc.start}); re-save it as UTF-8") from None


def from_text(text: str, origin: str) -> ArticleInput:
    """Plain text or Markdown, with an optional `---` front-matter block of metadata."""
    meta: dict = {}
    m = re.match(r"^\s*---\s*\n(.*?)\n---\s*\n", text, re.S)
    if m:
        meta = _front_matter(m.group(1), origin)
        text = text[m.end():]
    title = str(meta.get("title") or "").strip()
    if not title:
        first = text.strip().split("\n", 1)[0].strip().lstrip("# ").strip()
        title = first[:300]
    return ArticleInput(
        text=text, title=title, url=(str(meta["url"]).strip() if meta.get("url") else None),
        published=parse_date(meta.get("published") or meta.get("date"), f"{origin}: "),
        outlet=str(meta.get("outlet") or "").strip(), origin=origin)


def _front_matter(block: str, origin: str) -> dict:
    """YAML when it parses; otherwise plain `key: value` lines (titles often start with a quote)."""
    try:
        meta = yaml.safe_load(block)
        if isinstance(meta, dict):
            return meta
    except yaml.YAMLError:
        pass
    meta = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        if not sep or not key.strip().isidentifier():
            raise SourceError(f"{origin}: front matter must be 'key: value' lines (title, url, published, outlet)")
        meta[key.strip().lower()] = value.strip()
    return meta


def from_mapping(obj: object, where: str) -> ArticleInput:
    if not isinstance(obj, dict):
        raise SourceError(f"{where}expected an article object with a \"text\" field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise SourceError(f"{where}article has no \"text\"")
    return ArticleInput(
        text=text, title=str(obj.get("title") or "").strip(), url=(str(obj["url"]).strip() if obj.get("url") else None),
        published=parse_date(obj.get("published"), where), outlet=str(obj.get("outlet") or "").strip(),
        origin=where.rstrip(": "))


def from_html(html: str, origin: str) -> ArticleInput:
    """Main text and metadata of a news page, via trafilatura (drops scripts, menus, ads)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise SourceError(f"{origin}: no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else "") or ""
    if title and not text.lstrip().startswith(title[:40]):
        text = f"{title}\n{text}"
    published = None
    if meta and meta.date:
        try:
            published = parse_date(meta.date)
        except SourceError:
            published = None
    return ArticleInput(text=text, title=title, url=(meta.url if meta and meta.url else None), published=published,
                        outlet=(meta.sitename if meta and meta.sitename else ""), origin=origin)


def with_overrides(article: ArticleInput, title: str | None, url: str | None, published: date | None,
                   outlet: str | None) -> ArticleInput:
    """Command-line metadata wins over what the file says."""
    return replace(article, title=title or article.title, url=url or article.url,
                   published=published or article.published, outlet=outlet or article.outlet)
