"""Slash-command autocomplete for officials and topics (fuzzy, at most 25 choices)."""

from __future__ import annotations

import asyncio

from discord import Interaction, app_commands
from rapidfuzz import fuzz, process


async def _choices(interaction: Interaction, current: str, which: str) -> list[app_commands.Choice[str]]:
    if interaction.guild_id is None:
        return []
    service = interaction.client.service
    fetch = service.official_names if which == "official" else service.topic_names
    rows = await asyncio.to_thread(fetch, str(interaction.guild_id))
    if current:
        labels = {f"{name} ({slug})": slug for slug, name in rows}
        hits = process.extract(current, list(labels), scorer=fuzz.WRatio, limit=25, score_cutoff=40)
        picked = [(label, labels[label]) for label, _score, _i in hits]
    else:
        picked = [(f"{name} ({slug})", slug) for slug, name in rows[:25]]
    return [app_commands.Choice(name=label[:100], value=slug) for label, slug in picked]


async def official_autocomplete(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
    return await _choices(interaction, current, "official")


async def topic_autocomplete(interaction: Interaction, current: str) -> list[app_commands.Choice[str]]:
    return await _choices(interaction, current, "topic")
