"""The scheduled comparison pass. Runs inside the caller's transaction: shifts, alert rows and the
watermark are committed together, so a crash mid-pass loses nothing and duplicates nothing."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel import Session, col, select

from storage import queries as q
from storage.models import Alert, Article, ArticlePosition, Official, Shift, Statement

from .analysis.shifts import REVERSAL_FLOOR, explain, timeline_shifts

WATERMARK = "shift_watermark"
PASS_LOCK = 0x5354_5743  # "STWC": one pass at a time across processes sharing a PostgreSQL database


def run_pass(session: Session, threshold: float, batch: int = 50_000) -> list[Shift]:
    """Compare every article position added since the watermark with its chronological
    neighbours; return the shifts created (or revived) in this pass."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PASS_LOCK})
    watermark = int(q.meta_get(session, WATERMARK, "0") or 0)
    new = q.positions_after(session, watermark, batch)
    if not new:
        return []
    new_ids = {p.id for p in new}
    earliest: dict[tuple[str, int, str], ArticlePosition] = {}
    for p in new:
        key = (p.workspace, p.official_id, p.topic_slug)
        cur = earliest.get(key)
        if cur is None or (p.published, p.article_id) < (cur.published, cur.article_id):
            earliest[key] = p
    created: list[Shift] = []
    for (ws, official_id, topic), first in earliest.items():
        region = q.positions_from(session, ws, official_id, topic, first.published, first.article_id)
        created += _reconcile(session, ws, official_id, topic, region, new_ids, threshold)
    q.meta_set(session, WATERMARK, str(max(new_ids)))
    session.flush()
    return created


def _reconcile(session: Session, ws: str, official_id: int, topic: str, region: Sequence[ArticlePosition],
               new_ids: set[int], threshold: float) -> list[Shift]:
    """Make the stored shifts of this stretch of timeline equal the consecutive-pair comparison."""
    later_ids = [p.article_id for p in region[1:]]
    existing = {(s.from_article_id, s.to_article_id): s for s in session.exec(select(Shift).where(
        Shift.workspace == ws, Shift.official_id == official_id, Shift.topic_slug == topic,
        col(Shift.to_article_id).in_(later_ids))).all()}
    firm_before = q.last_firm_position(session, ws, official_id, topic, region[0], REVERSAL_FLOOR) if region else None
    wanted = {(before.article_id, after.article_id): (before, after, call)
              for before, after, call in timeline_shifts(region, firm_before, threshold)}
    for key, shift in existing.items():
        if key not in wanted and not shift.superseded:
            shift.superseded = True
            session.add(shift)
    latest = region[-1] if region else None
    created = []
    for key, (before, after, call) in wanted.items():
        shift = existing.get(key)
        if shift is not None and not shift.superseded and shift.type == call.type:
            continue
        is_news = latest is not None and after.id == latest.id and after.id in new_ids
        fields = dict(type=call.type, confidence=call.confidence, from_statement_id=before.evidence_id,
                      to_statement_id=after.evidence_id, from_position=before.position,
                      to_position=after.position, superseded=False, is_latest=is_news,
                      explanation=_explanation(session, official_id, topic, call.type, before, after, ws))
        if shift is None:
            shift = Shift(workspace=ws, official_id=official_id, topic_slug=topic, from_article_id=key[0],
                          to_article_id=key[1], **fields)
        else:
            for name, value in fields.items():
                setattr(shift, name, value)
        session.add(shift)
        session.flush()
        created.append(shift)
        if is_news:
            _queue_alerts(session, shift)
    return created


def _explanation(session: Session, official_id: int, topic: str, kind: str, before: ArticlePosition,
                 after: ArticlePosition, ws: str) -> str:
    o = session.get(Official, official_id)
    t = q.topic_by_slug(session, ws, topic)
    parts = []
    for pos in (after, before):
        st = session.get(Statement, pos.evidence_id)
        art = session.get(Article, pos.article_id)
        parts += [pos.published.isoformat(), st.text, art.outlet]
    return explain(kind, o.name, t.title if t else topic, *parts, framing_cue=after.framing_cue)


def _queue_alerts(session: Session, shift: Shift) -> None:
    o = session.get(Official, shift.official_id)
    for w in q.watches(session, shift.workspace):
        if w.official_slug not in ("", o.slug) or w.topic_slug not in ("", shift.topic_slug):
            continue
        exists = session.exec(select(Alert).where(Alert.shift_id == shift.id, Alert.watch_id == w.id)).first()
        if exists is None:
            session.add(Alert(workspace=shift.workspace, shift_id=shift.id, watch_id=w.id, channel_id=w.channel_id))



