"""All tables. Every row carries a `workspace` (one per Discord server; `default` for the CLI) and
every query filters on it, so one server never sees another's data."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("workspace", "content_hash", name="uq_article_content"),
        UniqueConstraint("workspace", "url", name="uq_article_url"),
        Index("ix_article_ws_published", "workspace", "published"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64)
    url: str | None = Field(default=None, max_length=2000)
    title: str = Field(default="", max_length=500)
    outlet: str = Field(default="", max_length=200)
    published: date
    content_hash: str = Field(max_length=64)
    text: str
    ingested_at: datetime = Field(default_factory=utcnow)


class Official(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace", "slug", name="uq_official_slug"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64, index=True)
    slug: str = Field(max_length=200)
    name: str = Field(max_length=200)
    titles: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    discovered: bool = False
    merged_into_id: int | None = Field(default=None, foreign_key="official.id")


class Topic(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace", "slug", name="uq_topic_slug"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64, index=True)
    slug: str = Field(max_length=100)
    title: str = Field(max_length=200)
    proposition: str = Field(default="", max_length=500)
    keywords: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    against: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    related: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    toward: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    more: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    less: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    anchors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]"))


class Statement(SQLModel, table=True):
    __table_args__ = (Index("ix_statement_ws_official", "workspace", "official_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64)
    article_id: int = Field(foreign_key="article.id", index=True)
    official_id: int | None = Field(default=None, foreign_key="official.id")
    mention: str = Field(default="", max_length=300)
    text: str
    start_offset: int
    end_offset: int
    direct: bool
    kind: str = Field(max_length=20)
    subtype: str = Field(max_length=20)
    cues: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sentence_index: int
    recap: bool = False
    published: date


class StatementTopic(SQLModel, table=True):
    """A statement's stance on one topic; `position` is its place on the commitment scale."""

    __table_args__ = (Index("ix_stmttopic_lookup", "workspace", "official_id", "topic_slug", "published"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64)
    statement_id: int = Field(foreign_key="statement.id", index=True)
    official_id: int | None = Field(default=None, foreign_key="official.id")
    topic_slug: str = Field(max_length=100)
    stance: str = Field(max_length=10)
    kind: str = Field(max_length=20)
    subtype: str = Field(max_length=20)
    weakened: bool = False
    position: float = 0.0
    published: date


class ArticlePosition(SQLModel, table=True):
    """One article's overall position of one official on one topic, with its strongest evidence.

    The shift pass compares these with their chronological neighbours through the index."""

    __table_args__ = (
        UniqueConstraint("workspace", "official_id", "topic_slug", "article_id", name="uq_article_position"),
        Index("ix_position_timeline", "workspace", "official_id", "topic_slug", "published", "article_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64)
    official_id: int = Field(foreign_key="official.id")
    topic_slug: str = Field(max_length=100)
    article_id: int = Field(foreign_key="article.id")
    published: date
    position: float
    deflection_share: float = 0.0  # share of the official's statements here that deflect
    peak: float = 0.0  # how firm the strongest statement on the article's side is
    stance: str = Field(max_length=10)
    evidence_id: int = Field(foreign_key="statement.id")
    # the report's own words that the stance changed (reversed | softened | strengthened | changed)
    framing: str = Field(default="", max_length=20, sa_column_kwargs={"server_default": ""})
    framing_cue: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})


class Shift(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("workspace", "official_id", "topic_slug", "from_article_id", "to_article_id", name="uq_shift"),
        Index("ix_shift_ws_detected", "workspace", "detected_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64)
    official_id: int = Field(foreign_key="official.id")
    topic_slug: str = Field(max_length=100)
    type: str = Field(max_length=20)
    from_statement_id: int = Field(foreign_key="statement.id")
    to_statement_id: int = Field(foreign_key="statement.id")
    from_article_id: int = Field(foreign_key="article.id")
    to_article_id: int = Field(foreign_key="article.id")
    from_position: float
    to_position: float
    confidence: float
    explanation: str
    is_latest: bool = True  # False when a late-arriving older article produced it (no alert)
    superseded: bool = False  # an article that arrived later now sits between from and to
    detected_at: datetime = Field(default_factory=utcnow)


class Watch(SQLModel, table=True):
    """A subscription: alerts for shifts matching official/topic (None = any) go to a channel."""

    __table_args__ = (UniqueConstraint("workspace", "channel_id", "official_slug", "topic_slug", name="uq_watch"),)
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64, index=True)
    channel_id: str = Field(max_length=40)
    official_slug: str = Field(default="", max_length=200)
    topic_slug: str = Field(default="", max_length=100)
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
    active: bool = True


class Alert(SQLModel, table=True):
    """The delivery queue: one row per (shift, watch). Delivery state lives here, not in memory."""

    __table_args__ = (UniqueConstraint("shift_id", "watch_id", name="uq_alert"),
                      Index("ix_alert_status", "status", "channel_id"))
    id: int | None = Field(default=None, primary_key=True)
    workspace: str = Field(max_length=64)
    shift_id: int = Field(foreign_key="shift.id")
    watch_id: int = Field(foreign_key="watch.id")
    channel_id: str = Field(max_length=40)
    status: str = Field(default="queued", max_length=12)  # queued | delivered | dropped
    attempts: int = 0
    last_error: str = Field(default="", max_length=500)
    message_id: str = Field(default="", max_length=40)
    created_at: datetime = Field(default_factory=utcnow)
    delivered_at: datetime | None = None


class Meta(SQLModel, table=True):
    """Small key/value state such as the shift pass watermark."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="", max_length=500)
