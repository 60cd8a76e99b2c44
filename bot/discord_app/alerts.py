"""Deliver queued alerts. Every outcome is written to the alert row, so a restart never re-sends
and never drops one: delivered rows are done, queued rows are retried on the next pass."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import TYPE_CHECKING

import aiohttp
import discord

from .embeds import NO_MENTIONS, page_embed

if TYPE_CHECKING:
    from .bot import StancewatchBot

log = logging.getLogger(__name__)


async def deliver_alerts(bot: StancewatchBot) -> int:
    """Post every queued alert; returns how many were delivered."""
    async with bot._delivery_lock:  # the scheduler and a manual trigger never deliver the same row twice
        service = bot.service
        queued = await asyncio.to_thread(service.alerts, None, "queued", 1000)
        by_channel: dict[str, list[dict]] = defaultdict(list)
        for alert in reversed(queued):  # oldest first
            by_channel[alert["channel_id"]].append(alert)
        delivered = 0
        for channel_id, alerts in by_channel.items():
            delivered += await _deliver_channel(bot, channel_id, alerts)
        return delivered


async def _deliver_channel(bot: StancewatchBot, channel_id: str, alerts: list[dict]) -> int:
    service = bot.service
    try:
        channel = bot.get_channel(int(channel_id)) or await bot.fetch_channel(int(channel_id))
    except (discord.NotFound, discord.Forbidden, ValueError) as exc:
        await _drop(bot, channel_id, exc)
        return 0
    except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
        await _retry_later(bot, alerts, exc)
        return 0
    if len(alerts) > bot.settings.digest_threshold:
        batches = [(alerts, bot.layer.digest([a["shift"] for a in alerts]))]
    else:
        batches = [([a], bot.layer.alert(a["shift"])) for a in alerts]
    delivered = 0
    for rows, page in batches:
        try:
            message = await channel.send(embed=page_embed(page), allowed_mentions=NO_MENTIONS)
        except (discord.NotFound, discord.Forbidden) as exc:
            await _drop(bot, channel_id, exc)
            return delivered
        except (TimeoutError, discord.HTTPException, aiohttp.ClientError) as exc:
            await _retry_later(bot, rows, exc)
            return delivered
        for row in rows:
            await asyncio.to_thread(service.mark_alert, row["id"], "delivered", "", str(message.id))
        delivered += len(rows)
    return delivered


async def _drop(bot: StancewatchBot, channel_id: str, exc: Exception) -> None:
    log.warning("channel %s is gone or forbidden (%s): unsubscribing it", channel_id, exc)
    await asyncio.to_thread(bot.service.drop_channel, channel_id, f"{type(exc).__name__}: {exc}")


async def _retry_later(bot: StancewatchBot, rows: list[dict], exc: Exception) -> None:
    log.warning("alert delivery failed (%s); will retry on the next pass", exc)
    for row in rows:
        await asyncio.to_thread(bot.service.mark_alert, row["id"], "queued", f"{type(exc).__name__}: {exc}")
