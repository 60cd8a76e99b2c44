"""The one service layer. CLI, console and Discord call these methods; nothing else touches storage.

Every method takes a workspace and opens its own transaction (one per article when ingesting), so
a failure leaves nothing half-written."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from rapidfuzz import fuzz, process
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from storage import queries as q
from storage.db import make_engine, migrate, session_scope
from storage.models import (
    Alert,
    Article,
    ArticlePosition,
    Official,
    Shift,
    Statement,
    StatementTopic,
    Topic,
    Watch,
)

from .analysis.extract import Engine
from .analysis.framing import article_framing
from .analysis.models import OfficialEntry, Registry, TopicEntry
from .analysis.registry import load_registry_files, merge_official, slugify
from .analysis.shifts import PositionInput, article_position, statement_position
from .analysis.text import looks_english, normalise
from .config import Settings
from .shiftpass import run_pass
from .sources import ArticleInput, SourceError

DEFAULT_WORKSPACE = "default"
MAX_TEXT_CHARS = 400_000


class NotFound(LookupError):
    """An unknown official or topic; carries close matches for "did you mean ..."."""

    def __init__(self, what: str, query: str, suggestions: list[str]):
        self.what, self.query, self.suggestions = what, query, suggestions
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No {what} matches {query!r}.{hint}")


class UserError(ValueError):
    """A request that cannot be carried out, with a message fit for a user."""


@dataclass
class IngestResult:
    status: str  # added | duplicate
    article_id: int
    title: str
    statements: int = 0
    officials: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class ShiftRecord:
    shift: Shift
    official: Official
    topic: str
    from_statement: dict
    to_statement: dict

    def as_dict(self) -> dict:
        s = self.shift
        return {"id": s.id, "speaker": {"slug": self.official.slug, "name": self.official.name},
                "topic": self.topic, "type": s.type, "from": self.from_statement, "to": self.to_statement,
                "explanation": s.explanation, "confidence": s.confidence,
                "detected_at": s.detected_at.isoformat() if s.detected_at else None}


@dataclass
class StanceReport:
    official: Official
    topic: Topic
    current: str | None  # stance of the latest article position
    position: float | None
    history: list[tuple[date, str, float]]  # oldest first: (published, stance, position)
    statements: list[dict]  # export-shaped, newest first
    latest_shift: dict | None


def content_hash(text: str) -> str:
    """Same article, different whitespace or case in the copy: same hash (`text` is normalised)."""
    simple = " ".join(text.split()).lower()  # str.split() splits at exactly what `\s+` matches
    return hashlib.sha256(simple.encode("utf-8")).hexdigest()


class StanceService:
    def __init__(self, settings: Settings | None = None, database_url: str | None = None):
        self.settings = settings or Settings()
        self.db = make_engine(database_url or self.settings.database_url)
        migrate(self.db)
        off_paths, topic_paths = self.settings.registry_paths()
        self.base_registry = load_registry_files([*off_paths, *topic_paths])
        self._engines: dict[str, tuple[str, Engine]] = {}
        # official ids by slug per workspace, valid for one registry version (see _register_officials)
        self._official_ids: dict[str, tuple[str, dict[str, int]]] = {}
        self._seeded: set[str] = set()
        self._lock = threading.Lock()

    def close(self) -> None:
        self.db.dispose()

    # -- workspace and registry ------------------------------------------------------------------
    def _ensure_workspace(self, session: Session, ws: str) -> None:
        if ws in self._seeded:
            return
        if q.meta_get(session, f"seeded:{ws}"):
            self._seeded.add(ws)
            return
        for o in self.base_registry.officials:
            if q.official_by_slug(session, ws, o.slug) is None:
                session.add(Official(workspace=ws, slug=o.slug, name=o.name, titles=list(o.titles),
                                     aliases=list(o.aliases)))
        for t in self.base_registry.topics:
            if q.topic_by_slug(session, ws, t.slug) is None:
                session.add(Topic(workspace=ws, slug=t.slug, title=t.title, proposition=t.proposition,
                                  keywords=list(t.keywords), against=list(t.against), related=list(t.related),
                                  toward=list(t.toward), more=list(t.more), less=list(t.less),
                                  anchors=list(t.anchors)))
        q.meta_set(session, f"seeded:{ws}", "1")
        self._bump(session, ws)
        session.flush()

    def _bump(self, session: Session, ws: str) -> str:
        """Mark the workspace's registry as changed; returns the new version."""
        version = str(int(q.meta_get(session, f"regver:{ws}", "0") or 0) + 1)
        q.meta_set(session, f"regver:{ws}", version)
        return version

    def _engine(self, session: Session, ws: str) -> tuple[str, Engine]:
        """The workspace's registry version and its analysis engine, rebuilt only when the registry changed."""
        version = q.meta_get(session, f"regver:{ws}", "0")
        with self._lock:
            cached = self._engines.get(ws)
            if cached and cached[0] == version:
                return cached
        # a workspace seeded before topics had anchors takes them from the built-in registry
        base_anchors = {t.slug: t.anchors for t in self.base_registry.topics}
        registry = Registry(
            officials=tuple(OfficialEntry(o.slug, o.name, tuple(o.titles), tuple(o.aliases))
                            for o in q.officials(session, ws)),
            topics=tuple(TopicEntry(t.slug, t.title, tuple(t.keywords), tuple(t.against), t.proposition, tuple(t.related),
                                    tuple(t.toward), tuple(t.more), tuple(t.less), tuple(t.anchors or base_anchors.get(t.slug, ())))
                         for t in q.topics(session, ws)))
        engine = Engine(registry)
        with self._lock:
            self._engines[ws] = (version, engine)
        return version, engine

    # -- ingest ----------------------------------------------------------------------------------
    def ingest(self, article: ArticleInput, workspace: str = DEFAULT_WORKSPACE) -> IngestResult:
        """Analyse and store one article in one transaction. Raises SourceError for unusable text."""
        text = normalise(article.text)
        if not text:
            raise SourceError(f"{article.origin or 'article'}: no text")
        if len(text) > MAX_TEXT_CHARS:
            raise SourceError(f"{article.origin or 'article'}: {len(text):,} characters is too long for one article")
        if not looks_english(text):
            raise SourceError(f"{article.origin or 'article'}: does not look like English text; only English is analysed")
        digest = content_hash(text)
        published = article.published or datetime.now(UTC).date()
        undated = article.published is None
        try:
            result = self._ingest(article, text, digest, published, workspace)
            if undated and result.status == "added":
                result.note = f"no publication date given; filed under {published.isoformat()}"
            return result
        except IntegrityError:
            # another process stored the same article between our check and our insert
            with session_scope(self.db) as session:
                dup = q.duplicate_article(session, workspace, article.url, digest)
                if dup is None:
                    raise
                return IngestResult("duplicate", dup.id, dup.title, note="already ingested")

    def _ingest(self, article: ArticleInput, text: str, digest: str, published: date, ws: str) -> IngestResult:
        with session_scope(self.db) as session:
            self._ensure_workspace(session, ws)
            dup = q.duplicate_article(session, ws, article.url, digest)
            if dup is not None:
                same = "URL" if article.url and dup.url == article.url else "content"
                return IngestResult("duplicate", dup.id, dup.title, note=f"same {same} as article #{dup.id}")
            version, engine = self._engine(session, ws)
            analysis = engine.analyze_normalised(text, published)
            title = article.title[:500]
            [article_id] = q.insert_returning_ids(session, Article, [dict(
                workspace=ws, url=article.url, title=title, outlet=article.outlet[:200], published=published,
                content_hash=digest, text=text, ingested_at=datetime.now(UTC))])
            speakers = {st.speaker_slug for st in analysis.statements if st.speaker_slug}
            ids = self._register_officials(session, ws, version, engine, analysis.discovered, speakers)
            names = list(dict.fromkeys(st.speaker_name for st in analysis.statements if st.speaker_name))
            # bulk inserts: one round trip per table, ids back in parameter order
            statement_ids = q.insert_returning_ids(session, Statement, [dict(
                workspace=ws, article_id=article_id, official_id=ids.get(st.speaker_slug), mention=st.mention[:300],
                text=st.text, start_offset=st.start, end_offset=st.end, direct=st.direct, kind=st.kind,
                subtype=st.subtype, cues=list(st.cues), sentence_index=st.sentence_index, recap=st.recap,
                published=published)
                for st in analysis.statements])
            topic_rows = []
            per_key: dict[tuple[int, str], list[PositionInput]] = {}
            for st, sid in zip(analysis.statements, statement_ids, strict=True):
                official = ids.get(st.speaker_slug)
                for t in st.topics:
                    position = statement_position(t.kind, t.subtype, t.stance, t.weakened)
                    topic_rows.append(dict(workspace=ws, statement_id=sid, official_id=official, topic_slug=t.slug,
                                           stance=t.stance, kind=t.kind, subtype=t.subtype, weakened=t.weakened,
                                           position=position, published=published))
                    if official is not None and not st.recap:  # a recap is old news, not today's stance
                        per_key.setdefault((official, t.slug), []).append(PositionInput(sid, t.kind, position))
            q.insert_many(session, StatementTopic, topic_rows)
            framed: dict[int, list] = {}  # the report's own words that an official's stance changed
            for f in analysis.framings:
                if ids.get(f.speaker_slug) is not None:
                    framed.setdefault(ids[f.speaker_slug], []).append(f)
            positions = []
            for (official, topic), items in per_key.items():
                value, evidence, share, peak = article_position(items)
                stance = "support" if value >= 0.2 else "oppose" if value <= -0.2 else "neutral"
                said = [f for f in framed.get(official, ()) if not f.topics or topic in f.topics]
                framing = article_framing([f.type for f in said])
                cue = next((f.cue for f in said if f.type == framing), "")
                positions.append(dict(workspace=ws, official_id=official, topic_slug=topic, article_id=article_id,
                                      published=published, position=value, deflection_share=share, peak=peak, stance=stance,
                                      evidence_id=evidence, framing=framing, framing_cue=cue[:200]))
            q.insert_many(session, ArticlePosition, positions)
            return IngestResult("added", article_id, title, len(analysis.statements), names)

    def _register_officials(self, session: Session, ws: str, version: str, engine: Engine,
                            found: tuple[OfficialEntry, ...], speakers: set[str]) -> dict[str, int]:
        """Ids of every speaker slug; discovered officials are created, or get their new titles.

        An official the workspace's engine already knows with every title found needs no write (the
        engine is rebuilt whenever another process changes the registry), so most articles cost one
        id query here."""
        wanted = speakers | {e.slug for e in found}
        known = engine.resolver.officials
        new = [e for e in found if e.slug not in known or not set(e.titles) <= set(known[e.slug].titles)]
        rows = {o.slug: o for o in q.officials_by_slugs(session, ws, {e.slug for e in new})}
        changed = False
        for entry in new:
            existing = rows.get(entry.slug)
            if existing is None:
                session.add(Official(workspace=ws, slug=entry.slug, name=entry.name, titles=list(entry.titles),
                                     aliases=list(entry.aliases), discovered=True))
                changed = True
            elif existing.merged_into_id is None:
                merged = merge_official(OfficialEntry(existing.slug, existing.name, tuple(existing.titles),
                                                      tuple(existing.aliases)), entry)
                if list(merged.titles) != list(existing.titles):
                    existing.titles = list(merged.titles)
                    session.add(existing)
                    changed = True
        if changed:
            session.flush()
            bumped = self._bump(session, ws)
            with self._lock:
                cached = self._engines.get(ws)
                if cached and cached[0] == version:  # teach the cached engine instead of rebuilding it
                    for entry in new:
                        cached[1].resolver.add_official(merge_official(known[entry.slug], entry)
                                                        if entry.slug in known else entry)
                    self._engines[ws] = (bumped, cached[1])
            return q.official_ids(session, ws, wanted)
        # nothing written: ids of committed rows, which only a registry change (a new version) alters
        with self._lock:
            cached_ids = self._official_ids.get(ws)
            if cached_ids is None or cached_ids[0] != version:
                cached_ids = self._official_ids[ws] = (version, {})
        ids = cached_ids[1]
        missing = wanted - ids.keys()
        if missing:
            ids.update(q.official_ids(session, ws, missing))
        return {slug: ids[slug] for slug in wanted if slug in ids}

    # -- lookups ---------------------------------------------------------------------------------
    def resolve_official(self, session: Session, ws: str, query: str) -> Official:
        """`rutte`, `Mark Rutte`, `mark-rutte` -> the official; unknown -> NotFound with suggestions."""
        self._ensure_workspace(session, ws)
        rows = q.officials(session, ws)
        slug = slugify(query)
        choices: dict[str, Official] = {}
        for o in rows:
            for key in (o.slug, slugify(o.name), *(slugify(a) for a in o.aliases), slugify(o.name.split()[-1])):
                if key == slug:
                    return o
                choices.setdefault(key, o)
        hits = process.extract(slug, list(choices), scorer=fuzz.WRatio, limit=5, score_cutoff=60)
        if hits and hits[0][1] >= 90 and (len(hits) == 1 or choices[hits[0][0]] is choices[hits[1][0]] or hits[1][1] < 90):
            return choices[hits[0][0]]
        suggestions = list(dict.fromkeys(choices[h[0]].slug for h in hits))[:3]
        raise NotFound("official", query, suggestions)

    def resolve_topic(self, session: Session, ws: str, query: str) -> Topic:
        self._ensure_workspace(session, ws)
        rows = q.topics(session, ws)
        slug = slugify(query)
        for t in rows:
            if t.slug == slug or slugify(t.title) == slug:
                return t
        choices = {t.slug: t for t in rows} | {t.title.lower(): t for t in rows}
        hits = process.extract(query.lower(), list(choices), scorer=fuzz.WRatio, limit=5, score_cutoff=60)
        if hits and hits[0][1] >= 90:
            return choices[hits[0][0]]
        raise NotFound("topic", query, list(dict.fromkeys(choices[h[0]].slug for h in hits))[:3])

    def _filters(self, session: Session, ws: str, official: str | None,
                 topic: str | None) -> tuple[Official | None, Topic | None]:
        """Optional official/topic filters of a query, resolved (unknown ones raise NotFound)."""
        return (self.resolve_official(session, ws, official) if official else None,
                self.resolve_topic(session, ws, topic) if topic else None)

    def official_names(self, workspace: str) -> list[tuple[str, str]]:
        with session_scope(self.db) as session:
            self._ensure_workspace(session, workspace)
            return [(o.slug, o.name) for o in q.officials(session, workspace)]

    def topic_names(self, workspace: str) -> list[tuple[str, str]]:
        with session_scope(self.db) as session:
            self._ensure_workspace(session, workspace)
            return [(t.slug, t.title) for t in q.topics(session, workspace)]

    def list_officials(self, workspace: str = DEFAULT_WORKSPACE) -> list[dict]:
        with session_scope(self.db) as session:
            self._ensure_workspace(session, workspace)
            counts = q.statement_counts(session, workspace)
            return [{"slug": o.slug, "name": o.name, "titles": list(o.titles), "aliases": list(o.aliases),
                     "discovered": o.discovered, "statements": counts.get(o.id, 0)}
                    for o in q.officials(session, workspace)]

    def list_topics(self, workspace: str = DEFAULT_WORKSPACE) -> list[dict]:
        with session_scope(self.db) as session:
            self._ensure_workspace(session, workspace)
            return [{"slug": t.slug, "title": t.title, "proposition": t.proposition, "keywords": list(t.keywords)}
                    for t in q.topics(session, workspace)]

    # -- statements ------------------------------------------------------------------------------
    def _statement_dicts(self, session: Session, rows, officials: dict[int, Official] | None = None) -> list[dict]:
        topics = q.topics_of(session, [s.id for s, _a in rows])
        out = []
        cache: dict[int, Official | None] = dict(officials or {})
        for s, a in rows:
            if s.official_id is not None and s.official_id not in cache:
                cache[s.official_id] = session.get(Official, s.official_id)
            o = cache.get(s.official_id) if s.official_id is not None else None
            out.append(statement_dict(s, a, o, topics.get(s.id, [])))
        return out

    def stance(self, official: str, topic: str, workspace: str = DEFAULT_WORKSPACE, limit: int = 25) -> StanceReport:
        with session_scope(self.db) as session:
            o = self.resolve_official(session, workspace, official)
            t = self.resolve_topic(session, workspace, topic)
            rows = q.statements_of(session, workspace, o.id, t.slug, limit=limit)
            statements = self._statement_dicts(session, rows, {o.id: o})
            timeline = q.positions_from(session, workspace, o.id, t.slug, date.min, 0)
            history = [(p.published, p.stance, p.position) for p in timeline]
            latest = timeline[-1] if timeline else None
            shifts = q.shifts(session, workspace, o.id, t.slug, limit=1)
            latest_shift = self._shift_records(session, shifts)[0].as_dict() if shifts else None
            return StanceReport(o, t, latest.stance if latest else None, latest.position if latest else None,
                                history, statements, latest_shift)

    def timeline(self, official: str, topic: str | None = None, workspace: str = DEFAULT_WORKSPACE,
                 limit: int = 500) -> tuple[Official, Topic | None, list[dict]]:
        with session_scope(self.db) as session:
            o = self.resolve_official(session, workspace, official)
            t = self.resolve_topic(session, workspace, topic) if topic else None
            rows = q.statements_of(session, workspace, o.id, t.slug if t else None, limit=limit)
            return o, t, self._statement_dicts(session, rows, {o.id: o})

    def export(self, workspace: str = DEFAULT_WORKSPACE, official: str | None = None,
               topic: str | None = None, batch: int = 1000) -> Iterator[dict]:
        """Every matching statement in id order, read in batches so memory stays flat."""
        with session_scope(self.db) as session:
            o, t = self._filters(session, workspace, official, topic)
        last = 0
        while True:
            with session_scope(self.db) as session:
                rows = q.statements_batch(session, workspace, last, batch, o.id if o else None, t.slug if t else None)
                items = self._statement_dicts(session, rows)
            if not items:
                return
            yield from items
            last = items[-1]["id"]

    # -- shifts ----------------------------------------------------------------------------------
    def check(self) -> list[dict]:
        """One comparison pass over positions added since the watermark (see README, shifts)."""
        with session_scope(self.db) as session:
            created = run_pass(session, self.settings.shift_threshold)
            return [r.as_dict() for r in self._shift_records(session, created)]

    def _shift_records(self, session: Session, shifts: Iterable[Shift]) -> list[ShiftRecord]:
        out = []
        for s in shifts:
            o = session.get(Official, s.official_id)
            pair = []
            for sid in (s.from_statement_id, s.to_statement_id):
                st = session.get(Statement, sid)
                art = session.get(Article, st.article_id)
                pair.append(self._statement_dicts(session, [(st, art)], {o.id: o})[0])
            out.append(ShiftRecord(s, o, s.topic_slug, pair[0], pair[1]))
        return out

    def shifts(self, workspace: str = DEFAULT_WORKSPACE, official: str | None = None, topic: str | None = None,
               since: date | None = None, limit: int = 200) -> list[dict]:
        with session_scope(self.db) as session:
            o, t = self._filters(session, workspace, official, topic)
            rows = q.shifts(session, workspace, o.id if o else None, t.slug if t else None, since, limit)
            return [r.as_dict() for r in self._shift_records(session, rows)]

    # -- watches and alerts ----------------------------------------------------------------------
    def watch(self, channel_id: str, official: str | None = None, topic: str | None = None,
              workspace: str = DEFAULT_WORKSPACE, created_by: str = "") -> tuple[Watch, bool]:
        with session_scope(self.db) as session:
            o, t = self._filters(session, workspace, official, topic)
            key = _watch_key(channel_id, o, t)
            existing = [w for w in q.watches(session, workspace, active_only=False)
                        if (w.channel_id, w.official_slug, w.topic_slug) == key]
            if existing:
                w = existing[0]
                was_active = w.active
                w.active = True
                session.add(w)
                return w, not was_active
            w = Watch(workspace=workspace, channel_id=key[0], official_slug=key[1], topic_slug=key[2],
                      created_by=created_by)
            session.add(w)
            session.flush()
            return w, True

    def unwatch(self, channel_id: str, official: str | None = None, topic: str | None = None,
                workspace: str = DEFAULT_WORKSPACE) -> int:
        with session_scope(self.db) as session:
            o, t = self._filters(session, workspace, official, topic)
            key = _watch_key(channel_id, o, t)
            n = 0
            for w in q.watches(session, workspace):
                if (w.channel_id, w.official_slug, w.topic_slug) == key:
                    w.active = False
                    session.add(w)
                    n += 1
            return n

    def watches(self, workspace: str = DEFAULT_WORKSPACE, channel_id: str | None = None) -> list[Watch]:
        with session_scope(self.db) as session:
            return [w for w in q.watches(session, workspace) if channel_id is None or w.channel_id == channel_id]

    def alerts(self, workspace: str | None = DEFAULT_WORKSPACE, status: str | None = None, limit: int = 200) -> list[dict]:
        with session_scope(self.db) as session:
            rows = q.alerts(session, workspace, status, limit)
            records = self._shift_records(session, [session.get(Shift, a.shift_id) for a in rows])
            out = []
            for a, record in zip(rows, records, strict=True):
                rec = record.as_dict()
                out.append({"id": a.id, "workspace": a.workspace, "channel_id": a.channel_id, "status": a.status,
                            "attempts": a.attempts, "last_error": a.last_error,
                            "created_at": a.created_at.isoformat(),
                            "delivered_at": a.delivered_at.isoformat() if a.delivered_at else None, "shift": rec})
            return out

    def mark_alert(self, alert_id: int, status: str, error: str = "", message_id: str = "") -> None:
        with session_scope(self.db) as session:
            a = session.get(Alert, alert_id)
            if a is None:
                return
            a.status = status
            a.attempts += 1
            a.last_error = error[:500]
            if status == "delivered":
                a.message_id = message_id
                a.delivered_at = datetime.now(UTC)
            session.add(a)

    def drop_channel(self, channel_id: str, reason: str) -> int:
        """Unsubscribe a channel the bot can no longer post to; its queued alerts are dropped."""
        with session_scope(self.db) as session:
            n = 0
            for w in q.watches(session, None):
                if w.channel_id == channel_id:
                    w.active = False
                    session.add(w)
                    n += 1
            for a in q.alerts(session, None, "queued", limit=100000):
                if a.channel_id == channel_id:
                    a.status, a.last_error = "dropped", reason[:500]
                    session.add(a)
            return n

    # -- registry edits --------------------------------------------------------------------------
    def add_topic(self, slug: str, keywords: list[str], workspace: str = DEFAULT_WORKSPACE,
                  title: str | None = None) -> Topic:
        slug = slugify(slug)
        if not slug or not keywords:
            raise UserError("Give a topic slug and at least one keyword.")
        with session_scope(self.db) as session:
            self._ensure_workspace(session, workspace)
            t = q.topic_by_slug(session, workspace, slug)
            if t is None:
                t = Topic(workspace=workspace, slug=slug, title=title or slug.replace("-", " ").capitalize(),
                          keywords=[k.lower() for k in keywords])
            else:
                t.keywords = list(dict.fromkeys([*t.keywords, *(k.lower() for k in keywords)]))
            session.add(t)
            self._bump(session, workspace)
            session.flush()
            return t

    def remove_topic(self, slug: str, workspace: str = DEFAULT_WORKSPACE) -> Topic:
        with session_scope(self.db) as session:
            t = self.resolve_topic(session, workspace, slug)
            session.delete(t)
            self._bump(session, workspace)
            return t

    def add_alias(self, official: str, alias: str, workspace: str = DEFAULT_WORKSPACE) -> Official:
        alias = alias.strip()
        if not alias:
            raise UserError("Give an alias.")
        with session_scope(self.db) as session:
            o = self.resolve_official(session, workspace, official)
            if alias not in o.aliases:
                o.aliases = [*o.aliases, alias]
                session.add(o)
                self._bump(session, workspace)
            return o

    def merge_officials(self, keep: str, merge: str, workspace: str = DEFAULT_WORKSPACE) -> Official:
        """Fold `merge` into `keep`: statements, positions and shifts move; names become aliases."""
        with session_scope(self.db) as session:
            a = self.resolve_official(session, workspace, keep)
            b = self.resolve_official(session, workspace, merge)
            if a.id == b.id:
                raise UserError("Those are the same official.")
            for model in (Statement, StatementTopic, ArticlePosition, Shift):
                q.reassign_official(session, model, workspace, b.id, a.id)
            a.aliases = list(dict.fromkeys([*a.aliases, b.name, *b.aliases]))
            a.titles = list(dict.fromkeys([*a.titles, *b.titles]))
            b.merged_into_id = a.id
            session.add(a)
            session.add(b)
            self._bump(session, workspace)
            # positions of both now share a timeline: let the next pass re-check it
            q.meta_set(session, "shift_watermark", "0")
            return a


def _watch_key(channel_id: str, o: Official | None, t: Topic | None) -> tuple[str, str, str]:
    """A watch's identity: channel, official slug and topic slug ("" for any)."""
    return channel_id, o.slug if o else "", t.slug if t else ""


def statement_dict(s: Statement, a: Article, o: Official | None, topics: list[StatementTopic]) -> dict:
    """The export shape: one statement with its article, speaker, topics and offsets."""
    return {
        "id": s.id,
        "article": {"url": a.url, "title": a.title, "outlet": a.outlet, "published": a.published.isoformat()},
        "speaker": {"slug": o.slug, "name": o.name} if o else {"slug": None, "name": None},
        "mention": s.mention, "text": s.text, "direct": s.direct, "kind": s.kind, "subtype": s.subtype,
        "topics": [{"slug": t.topic_slug, "stance": t.stance} for t in topics],
        "cues": list(s.cues), "start": s.start_offset, "end": s.end_offset,
    }
