"""Small query functions: each takes a session and returns models. No session is created here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import and_, func, insert, or_, tuple_, update
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


def meta_get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Meta, key)
    return row.value if row else default


def meta_set(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value
        session.add(row)


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


def insert_returning_ids(session: Session, model, rows: list[dict]) -> list[int]:
    """Bulk insert in one statement; ids come back in the order of `rows`."""
    if not rows:
        return []
    table = model.__table__
    result = session.connection().execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return [r[0] for r in result]


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
    cond = Article.content_hash == content_hash
    if url:
        cond = or_(cond, Article.url == url)
    return session.execute(select(Article.id, Article.title, Article.url).where(Article.workspace == ws, cond)
                           .limit(1)).first()


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
