"""The scheduled shift pass (APScheduler 3.11, AsyncIOScheduler).

The job is a module-level coroutine, as APScheduler's persistent job stores require; it finds the
service and the after-pass hook (alert delivery, in the bot) in `CONTEXT`. All state lives in the
database (watermark, shifts, alert queue), so a missed or repeated run is harmless."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

JOB_ID = "stancewatch-shift-pass"
CONTEXT: dict[str, Any] = {}


async def run_shift_pass() -> list[dict]:
    """One pass: database work in a worker thread, then the after-pass hook on the event loop."""
    service = CONTEXT["service"]
    shifts = await asyncio.to_thread(service.check)
    if shifts:
        log.info("shift pass found %d new shift(s)", len(shifts))
    hook: Callable[[list[dict]], Awaitable[None]] | None = CONTEXT.get("after_pass")
    if hook is not None:
        await hook(shifts)
    return shifts


def create_scheduler(service, interval_minutes: float,
                     after_pass: Callable[[list[dict]], Awaitable[None]] | None = None) -> AsyncIOScheduler:
    """A scheduler with the pass registered; the caller starts it inside its running event loop."""
    CONTEXT["service"] = service
    CONTEXT["after_pass"] = after_pass
    scheduler = AsyncIOScheduler(timezone="UTC")
    interval = timedelta(minutes=interval_minutes)
    scheduler.add_job(run_shift_pass, IntervalTrigger(seconds=interval.total_seconds()), id=JOB_ID,
                      name="compare new statements and queue alerts", coalesce=True, max_instances=1,
                      misfire_grace_time=max(30, int(interval.total_seconds() // 2)), replace_existing=True)
    return scheduler
