"""Shift detection end to end: ingest, pass, stored shifts, alert queue, crash safety, scheduler."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.analysis.shifts import PositionInput, article_position, compare
from bot.scheduler import JOB_ID, create_scheduler
from bot.sources import ArticleInput

REVERSAL = ArticleInput(
    title="Rutte says NATO membership for Ukraine is off the table", outlet="Test Wire",
    url="https://wire.test/rutte-reversal", published=date(2025, 2, 13),
    text=("Rutte says NATO membership for Ukraine is off the table\n"
          "BRUSSELS, Feb 13 (Test Wire) - NATO Secretary General Mark Rutte said on Thursday that Ukraine "
          "would not join NATO, and that membership was off the table for the foreseeable future.\n"
          "\"There will be no invitation for Ukraine to join the Alliance. Membership is out of the question,\" "
          "Rutte told reporters after a meeting of defence ministers."))
RESTATEMENT = ArticleInput(
    title="Rutte: Ukraine's path to NATO is irreversible", outlet="Test Wire",
    url="https://wire.test/rutte-restates", published=date(2025, 1, 20),
    text=("Rutte: Ukraine's path to NATO is irreversible\n"
          "NATO Secretary General Mark Rutte said on Monday that allies had agreed the future of Ukraine is in NATO.\n"
          "\"We agreed on the irreversible path towards NATO membership for Ukraine,\" Rutte said. "
          "He declined to give a date for an invitation."))


def key(shift: dict) -> tuple:
    return (shift["speaker"]["slug"], shift["topic"], shift["type"], shift["from"]["article"]["published"],
            shift["to"]["article"]["published"])


def test_compare_scale():
    assert compare(0.9, -0.9).type == "reversed"
    assert compare(0.9, 0.0).type == "softened"
    assert compare(0.0, 0.9).type == "strengthened"
    assert compare(0.9, 0.8) is None
    value, evidence, _share, _peak = article_position([PositionInput(1, "commitment", 1.0), PositionInput(2, "deflection", 0.0)])
    assert 0 < value < 1.0 and evidence == 1


def test_seed_then_reversal_is_flagged_with_both_quotes(service, seed_input):
    service.ingest(seed_input)
    assert service.check() == []
    service.ingest(REVERSAL)
    found = service.check()
    membership = [s for s in found if s["topic"] == "ukraine-membership"]
    assert [s["type"] for s in membership] == ["reversed"]
    shift = membership[0]
    assert shift["speaker"] == {"slug": "mark-rutte", "name": "Mark Rutte"}
    assert shift["from"]["article"]["published"] == "2024-12-03"
    assert shift["to"]["article"]["url"] == "https://wire.test/rutte-reversal"
    assert "2025-02-13" in shift["explanation"] and "2024-12-03" in shift["explanation"]
    assert 0 < shift["confidence"] <= 1
    assert service.stance("rutte", "ukraine-membership").latest_shift["id"] == shift["id"]


def test_restatement_flags_nothing(service, seed_input):
    service.ingest(seed_input)
    service.ingest(RESTATEMENT)
    assert [s for s in service.check() if s["topic"] == "ukraine-membership"] == []


def test_out_of_order_gives_the_same_shifts(service, db_url, tmp_path, seed_input):
    from bot.config import Settings
    from bot.service import StanceService

    service.ingest(seed_input)
    service.ingest(RESTATEMENT)
    service.ingest(REVERSAL)
    service.check()
    in_order = sorted(key(s) for s in service.shifts())

    other = StanceService(Settings(_env_file=None), database_url=f"sqlite:///{tmp_path / 'other.db'}")
    other.ingest(REVERSAL)
    other.check()
    other.ingest(seed_input)
    other.check()
    other.ingest(RESTATEMENT)
    other.check()
    assert sorted(key(s) for s in other.shifts()) == in_order
    assert in_order  # the storyline does contain a shift
    other.close()


def test_late_old_article_raises_no_alert(service, seed_input):
    service.watch("chan-1", "rutte", "ukraine-membership")
    service.ingest(seed_input)
    service.ingest(REVERSAL)
    service.check()
    assert len(service.alerts(status="queued")) == 1
    late = ArticleInput(title="Old remarks", outlet="Archive", published=date(2024, 6, 1),
                        text="NATO Secretary General Mark Rutte said Ukraine would never join NATO and "
                             "that membership was out of the question.")
    service.ingest(late)
    service.check()
    assert len(service.alerts(status="queued")) == 1  # history changed, the latest stance did not


def test_pass_twice_creates_nothing_new(service, seed_input):
    service.watch("chan-1")
    service.ingest(seed_input)
    service.ingest(REVERSAL)
    first = service.check()
    assert first
    assert service.check() == []
    assert len(service.shifts()) == len(first)
    assert len(service.alerts()) == len(first)


def test_crash_before_commit_loses_and_duplicates_nothing(service, seed_input, monkeypatch):
    import bot.shiftpass

    service.watch("chan-1")
    service.ingest(seed_input)
    service.ingest(REVERSAL)
    written = {}

    def crash(session, key, value):  # the pass has written shifts and alerts; the watermark is last
        from sqlmodel import select

        from storage.models import Alert, Shift

        written["shifts"] = len(session.exec(select(Shift)).all())
        written["alerts"] = len(session.exec(select(Alert)).all())
        raise RuntimeError("crash before commit")

    monkeypatch.setattr(bot.shiftpass.q, "meta_set", crash)
    with pytest.raises(RuntimeError):
        service.check()
    monkeypatch.undo()
    assert written["shifts"] >= 1 and written["alerts"] >= 1  # they were written, then rolled back
    assert service.shifts() == [] and service.alerts() == []
    again = service.check()
    assert again and len(service.shifts()) == len(again)
    assert len(service.alerts()) == len(again)
    assert service.check() == []


def test_watch_filters_alerts(service, seed_input):
    service.watch("aid-only", "rutte", "military-aid")
    service.watch("membership", "rutte", "ukraine-membership")
    service.ingest(seed_input)
    service.ingest(REVERSAL)
    service.check()
    channels = {a["channel_id"] for a in service.alerts()}
    assert channels == {"membership"}


def test_shifts_filters(service, seed_input):
    service.ingest(seed_input)
    service.ingest(REVERSAL)
    service.check()
    assert service.shifts(official="rutte", topic="ukraine-membership")
    assert service.shifts(topic="interest-rates") == []
    assert service.shifts(since=date(2025, 3, 1)) == []


async def test_scheduler_registers_the_job_and_a_fired_job_runs_the_pass(service, seed_input):
    service.ingest(seed_input)
    service.ingest(REVERSAL)
    ran = asyncio.Event()
    seen: list[list[dict]] = []

    async def after(shifts):
        seen.append(shifts)
        ran.set()

    scheduler = create_scheduler(service, 15, after)
    job = scheduler.get_job(JOB_ID)
    assert job.trigger.interval == timedelta(minutes=15)
    assert job.coalesce is True and job.max_instances == 1 and job.misfire_grace_time >= 30
    scheduler.start()
    try:
        job.modify(next_run_time=datetime.now(UTC))  # fire now instead of in 15 minutes
        scheduler.wakeup()
        await asyncio.wait_for(ran.wait(), timeout=10)
    finally:
        scheduler.shutdown(wait=False)
    assert any(s["type"] == "reversed" for s in seen[0])
    assert service.check() == []


def test_check_interval_comes_from_the_environment(service, monkeypatch):
    from bot.config import Settings

    monkeypatch.setenv("STANCEWATCH_CHECK_INTERVAL", "2.5")
    settings = Settings(_env_file=None)
    scheduler = create_scheduler(service, settings.check_interval)
    assert scheduler.get_job(JOB_ID).trigger.interval == timedelta(minutes=2.5)


def test_reversal_across_hedged_articles_runs_from_the_last_firm_stance():
    from types import SimpleNamespace as P

    from bot.analysis.shifts import timeline_shifts

    firm, hedged, opposite = P(position=0.9, deflection_share=0.0), P(position=0.1, deflection_share=0.8), \
        P(position=-0.9, deflection_share=0.0)
    calls = [(a, b, c.type) for a, b, c in timeline_shifts([firm, hedged, opposite])]
    assert calls == [(firm, hedged, "softened"), (firm, opposite, "reversed")]
    # the last firm stance may lie before the stretch being re-checked
    assert [(a, c.type) for a, _b, c in timeline_shifts([hedged, opposite], firm_before=firm)] == [(firm, "reversed")]
    assert timeline_shifts([firm, P(position=0.85, deflection_share=0.1)]) == []


def test_service_records_a_reversal_after_a_hedge(service, seed_input):
    hedge = ArticleInput(title="Rutte hedges", outlet="Test Wire", published=date(2025, 1, 10),
                         text="NATO Secretary General Mark Rutte declined to comment on Ukraine's NATO membership "
                              "and said it was too early to say when an invitation could come.")
    service.ingest(seed_input)
    service.ingest(hedge)
    service.ingest(REVERSAL)
    service.check()
    by_to = {s["to"]["article"]["published"]: s for s in service.shifts(topic="ukraine-membership")}
    assert by_to["2025-02-13"]["type"] == "reversed"
    assert by_to["2025-02-13"]["from"]["article"]["published"] == "2024-12-03"


def test_plain_restatement_after_a_hedged_article_flags_nothing(service, seed_input):
    plain = ArticleInput(title="Rutte: Ukraine's future is in NATO", outlet="Test Wire", published=date(2025, 1, 22),
                         text="NATO Secretary General Mark Rutte reiterated on Wednesday that allies have agreed "
                              "the future of Ukraine is in NATO.")
    service.ingest(seed_input)
    service.ingest(plain)
    assert [s for s in service.check() if s["topic"] == "ukraine-membership"] == []


def test_a_commitment_after_deflections_is_strengthened(service):
    dodge = ArticleInput(title="Minister dodges", outlet="Test Wire", published=date(2025, 1, 5),
                         text="Trade Minister Lena Kowalczyk declined to comment on tariffs on steel imports.")
    firm = ArticleInput(title="Minister pledges", outlet="Test Wire", published=date(2025, 2, 5),
                        text="Trade Minister Lena Kowalczyk said the government will impose tariffs on steel "
                             "imports from March.")
    service.ingest(dodge)
    service.ingest(firm)
    assert [s["type"] for s in service.check() if s["topic"] == "tariffs"] == ["strengthened"]
