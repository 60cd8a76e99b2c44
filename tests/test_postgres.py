"""The same service on PostgreSQL (the scale-out path). CI sets STANCEWATCH_TEST_PG_URL."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from bot.config import Settings
from bot.service import StanceService

PG_URL = os.environ.get("STANCEWATCH_TEST_PG_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="STANCEWATCH_TEST_PG_URL not set (CI sets it)")


@pytest.fixture
def pg_service():
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    svc = StanceService(Settings(_env_file=None), database_url=PG_URL)
    yield svc
    svc.close()


def test_ingest_query_and_check_on_postgres(pg_service, seed_input):
    res = pg_service.ingest(seed_input)
    assert res.status == "added" and res.statements >= 10
    assert pg_service.ingest(seed_input).status == "duplicate"
    report = pg_service.stance("rutte", "ukraine-membership")
    assert report.current is not None and report.statements
    assert pg_service.check() == []  # one article: nothing to compare with yet


def test_shift_pass_and_alert_queue_on_postgres(pg_service, seed_input):
    from .test_shifts import REVERSAL

    pg_service.watch("chan-1", "rutte", "ukraine-membership")
    pg_service.ingest(seed_input)
    pg_service.ingest(REVERSAL)
    found = pg_service.check()
    assert [s["type"] for s in found if s["topic"] == "ukraine-membership"] == ["reversed"]
    assert pg_service.check() == []
    assert len(pg_service.alerts(status="queued")) == 1
    rows = list(pg_service.export())
    assert {r["speaker"]["slug"] for r in rows} == {"mark-rutte"}
