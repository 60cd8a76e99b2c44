"""Small query functions: each takes a session and returns models. No session is created here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, bindparam, func, insert, or_, tuple_, update
from sqlmodel import Session, col, select

from .models import (
    Alert,
    Article,
    ArticlePosition,
    Meta,
    Official,
    Shift,
    Statement,
    StatementTopic,
    Topic,
    Watch,
)

# Meta, duplicate checks and official ids are read on every ingest: plain Core statements on the
# session's connection skip the ORM's per-row bookkeeping (about a third of ingest's database time).

# Built once: constructing a statement costs more than running it on SQLite.
_META_VALUE = select(Meta.value).where(Meta.key == bindparam("key"))
_META_UPDATE = update(Meta).where(Meta.key == bindparam("b_key")).values(value=bindparam("b_value"))
_DUPLICATE = (select(Article.id, Article.title, Article.url)
              .where(Article.workspace == bindparam("ws"),
                     or_(Article.content_hash == bindparam("digest"), Article.url == bindparam("url")))
              .limit(1))
_OFFICIAL_IDS = select(Official.slug, Official.id, Official.merged_into_id).where(
    Official.workspace == bindparam("ws"), col(Official.slug).in_(bindparam("slugs", expanding=True)))
_MERGED_INTO = select(Official.id, Official.merged_into_id).where(Official.id == bindparam("id"))
_INSERTS: dict[type, object] = {}  # insert ... returning id, per table (see insert_returning_ids)


def meta_get(session: Session, key: str, default: str = "") -> str:
    value = session.connection().execute(_META_VALUE, {"key": key}).scalar()
    return default if value is None else value


def meta_set(session: Session, key: str, value: str) -> None:
    conn = session.connection()
    if conn.execute(_META_UPDATE, {"b_key": key, "b_value": value}).rowcount == 0:
        conn.execute(insert(Meta).values(key=key, value=value))


def officials(session: Session, ws: str) -> Sequence[Official]:
    return session.exec(select(Official).where(Official.workspace == ws, col(Official.merged_into_id).is_(None))
                        .order_by(Official.name)).all()


def official_by_slug(session: Session, ws: str, slug: str) -> Official | None:
    row = session.exec(select(Official).where(Official.workspace == ws, Official.slug == slug)).first()
    while row is not None and row.merged_into_id is not None:
        row = session.get(Official, row.merged_into_id)
    return row


def officials_by_slugs(session: Session, ws: str, slugs: set[str]) -> Sequence[Official]:
    if not slugs:
        return []
    return session.exec(select(Official).where(Official.workspace == ws, col(Official.slug).in_(list(slugs)))).all()


def official_ids(session: Session, ws: str, slugs: set[str]) -> dict[str, int]:
    """Row id of each slug that exists, following merges to the official it was merged into."""
    if not slugs:
        return {}
    conn = session.connection()
    ids = {}
    for slug, oid, merged in conn.execute(_OFFICIAL_IDS, {"ws": ws, "slugs": sorted(slugs)}):
        seen = {oid}
        while merged is not None and merged not in seen:  # merged into one that was merged in turn
            seen.add(merged)
            oid, merged = conn.execute(_MERGED_INTO, {"id": merged}).one()
        ids[slug] = oid
    return ids


def insert_returning_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Bulk insert in one statement; ids come back in the order of `rows`."""
    if not rows:
        return []
    stmt = _INSERTS.get(model)
    if stmt is None:
        table = model.__table__
        stmt = _INSERTS[model] = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [r[0] for r in session.connection().execute(stmt, rows)]


def insert_many(session: Session, model, rows: list[dict]) -> None:
    if rows:
        session.connection().execute(insert(model.__table__), rows)



def reassign_official(session: Session, model, ws: str, old_id: int, new_id: int) -> None:
    """Move every row of `model` from one official to another (merging two records of a person)."""
    session.execute(update(model).where(model.workspace == ws, model.official_id == old_id)
                    .values(official_id=new_id))


def topics(session: Session, ws: str) -> Sequence[Topic]:
    return session.exec(select(Topic).where(Topic.workspace == ws).order_by(Topic.slug)).all()


def topic_by_slug(session: Session, ws: str, slug: str) -> Topic | None:
    return session.exec(select(Topic).where(Topic.workspace == ws, Topic.slug == slug)).first()


def duplicate_article(session: Session, ws: str, url: str | None, content_hash: str):
    """(id, title, url) of an article with the same content or URL in the workspace, or None."""
    return session.connection().execute(_DUPLICATE, {"ws": ws, "digest": content_hash, "url": url or None}).first()


def statement_counts(session: Session, ws: str) -> dict[int, int]:
    rows = session.exec(select(Statement.official_id, func.count()).where(Statement.workspace == ws)
                        .group_by(Statement.official_id)).all()
    return {oid: n for oid, n in rows if oid is not None}


def statements_of(session: Session, ws: str, official_id: int | None = None, topic: str | None = None,
                  limit: int | None = None) -> Sequence[tuple[Statement, Article]]:
    """Statements with their articles, newest first (publication date, then article, then offset)."""
    q = select(Statement, Article).join(Article, Article.id == Statement.article_id).where(Statement.workspace == ws)
    if official_id is not None:
        q = q.where(Statement.official_id == official_id)
    if topic is not None:
        q = q.where(col(Statement.id).in_(select(StatementTopic.statement_id).where(
            StatementTopic.workspace == ws, StatementTopic.topic_slug == topic)))
    q = q.order_by(col(Statement.published).desc(), col(Statement.article_id).desc(), col(Statement.start_offset).desc())
    if limit:
        q = q.limit(limit)
    return session.exec(q).all()


def statements_batch(session: Session, ws: str, after_id: int, limit: int, official_id: int | None = None,
                     topic: str | None = None) -> Sequence[tuple[Statement, Article]]:
    """Statements in id order after `after_id` (keyset pagination: constant memory for exports)."""
    q = select(Statement, Article).join(Article, Article.id == Statement.article_id).where(
        Statement.workspace == ws, Statement.id > after_id)
    if official_id is not None:
        q = q.where(Statement.official_id == official_id)
    if topic is not None:
        q = q.where(col(Statement.id).in_(select(StatementTopic.statement_id).where(
            StatementTopic.workspace == ws, StatementTopic.topic_slug == topic)))
    return session.exec(q.order_by(Statement.id).limit(limit)).all()


def topics_of(session: Session, statement_ids: Sequence[int]) -> dict[int, list[StatementTopic]]:
    out: dict[int, list[StatementTopic]] = {}
    if not statement_ids:
        return out
    for st in session.exec(select(StatementTopic).where(col(StatementTopic.statement_id).in_(list(statement_ids)))
                           .order_by(StatementTopic.id)).all():
        out.setdefault(st.statement_id, []).append(st)
    return out


def positions_from(session: Session, ws: str, official_id: int, topic: str, published: date,
                   article_id: int) -> Sequence[ArticlePosition]:
    """The timeline of one (official, topic) from the article just before (published, article_id)."""
    key = and_(ArticlePosition.workspace == ws, ArticlePosition.official_id == official_id,
               ArticlePosition.topic_slug == topic)
    before = session.exec(select(ArticlePosition).where(
        key, tuple_(ArticlePosition.published, ArticlePosition.article_id) < tuple_(published, article_id))
        .order_by(col(ArticlePosition.published).desc(), col(ArticlePosition.article_id).desc()).limit(1)).first()
    start = (before.published, before.article_id) if before else (published, article_id)
    return session.exec(select(ArticlePosition).where(
        key, tuple_(ArticlePosition.published, ArticlePosition.article_id) >= tuple_(*start))
        .order_by(ArticlePosition.published, ArticlePosition.article_id)).all()


def last_firm_position(session: Session, ws: str, official_id: int, topic: str, before: ArticlePosition,
                       floor: float) -> ArticlePosition | None:
    """The latest position before `before` (in publication order) that is at least `floor` from 0."""
    return session.exec(select(ArticlePosition).where(
        ArticlePosition.workspace == ws, ArticlePosition.official_id == official_id, ArticlePosition.topic_slug == topic,
        tuple_(ArticlePosition.published, ArticlePosition.article_id) < tuple_(before.published, before.article_id),
        func.abs(ArticlePosition.position) >= floor)
        .order_by(col(ArticlePosition.published).desc(), col(ArticlePosition.article_id).desc()).limit(1)).first()


def positions_after(session: Session, watermark: int, limit: int) -> Sequence[ArticlePosition]:
    return session.exec(select(ArticlePosition).where(ArticlePosition.id > watermark)
                        .order_by(ArticlePosition.id).limit(limit)).all()


def shifts(session: Session, ws: str, official_id: int | None = None, topic: str | None = None,
           since: date | None = None, limit: int = 200) -> Sequence[Shift]:
    q = select(Shift).where(Shift.workspace == ws, col(Shift.superseded).is_(False))
    if official_id is not None:
        q = q.where(Shift.official_id == official_id)
    if topic:
        q = q.where(Shift.topic_slug == topic)
    if since:
        q = q.join(Article, Article.id == Shift.to_article_id).where(Article.published >= since)
    return session.exec(q.order_by(col(Shift.id).desc()).limit(limit)).all()


def watches(session: Session, ws: str | None = None, active_only: bool = True) -> Sequence[Watch]:
    q = select(Watch)
    if ws is not None:
        q = q.where(Watch.workspace == ws)
    if active_only:
        q = q.where(col(Watch.active).is_(True))
    return session.exec(q.order_by(Watch.id)).all()


def alerts(session: Session, ws: str | None = None, status: str | None = None, limit: int = 200) -> Sequence[Alert]:
    q = select(Alert)
    if ws is not None:
        q = q.where(Alert.workspace == ws)
    if status:
        q = q.where(Alert.status == status)
    return session.exec(q.order_by(col(Alert.id).desc()).limit(limit)).all()
