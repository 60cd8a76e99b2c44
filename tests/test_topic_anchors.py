"""Topic anchors: data, schema upgrade, and a workspace seeded before anchors existed."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from bot.sources import ArticleInput
from storage.db import alembic_config, make_engine, session_scope
from storage.models import Topic

STORY = ("Kyiv and Washington make progress\n"
         "Negotiators from Kyiv and Washington met in Geneva on Sunday to work on a plan to end the war. "
         "The delegations agreed on an updated framework, officials said.\n"
         "Secretary of State Marco Rubio said the talks had been the most productive so far.\n"
         "\"We are not there yet,\" Rubio told reporters.")


def test_anchors_bring_a_story_told_without_keywords_into_its_topic(engine):
    # no peace-talks keyword anywhere: "Kyiv" (an anchor) and several related words place it there
    statements = engine.analyze(STORY).statements
    said = next(s for s in statements if "most productive" in s.text)
    assert "peace-talks" in {t.slug for t in said.topics}
    # the same words with no anchor name stay without the topic
    plain = engine.analyze(STORY.replace("Kyiv", "the company").replace("Geneva", "a hotel")).statements
    assert all("peace-talks" not in {t.slug for t in s.topics} for s in plain)


def test_schema_upgrade_from_the_first_migration_keeps_topics(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = alembic_config(url)
    command.upgrade(cfg, "0001")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO topic (workspace, slug, title, proposition, keywords, against, related, "
                             "toward, more, less) VALUES ('default', 'x', 'X', '', '[]', '[]', '[]', '[]', '[]', '[]')"))
    command.upgrade(cfg, "head")
    with session_scope(engine) as session:
        topic = session.exec(sa.select(Topic).where(Topic.slug == "x")).scalar_one()
        assert topic.anchors == []


def test_workspace_seeded_before_anchors_uses_the_built_in_ones(service):
    service.ingest(ArticleInput(title="warm-up", text="Finance Minister Ana Reis said rates would stay high."))
    with session_scope(service.db) as session:  # as an older version left it: no anchors stored
        for topic in session.exec(sa.select(Topic)).scalars():
            topic.anchors = []
            session.add(topic)
        service._bump(session, "default")
    service.ingest(ArticleInput(title="Geneva", text=STORY))
    stance = service.stance("marco-rubio", "peace-talks")
    assert any("most productive" in s["text"] for s in stance.statements)
