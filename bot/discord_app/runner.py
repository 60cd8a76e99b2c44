"""`stancewatch run` and `stancewatch sync`: start the bot, or register slash commands, from settings."""

from __future__ import annotations

import asyncio
import logging
import sys

import discord
import yarl

from ..config import Settings

NO_TOKEN = ("error: DISCORD_TOKEN is not set. Put it in .env or the environment (README, 'Discord setup'), "
            "or try the same commands offline with `stancewatch console`.")


def _configured() -> Settings | None:
    """Settings with a token, Discord endpoints applied; None (and a one-line hint) without a token."""
    settings = Settings()
    if not settings.discord_token:
        print(NO_TOKEN, file=sys.stderr)
        return None
    point_at(settings)
    return settings


def point_at(settings: Settings) -> None:
    """Use the configured Discord-compatible REST API and gateway (Discord itself by default)."""
    discord.http.Route.BASE = settings.discord_api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.discord_gateway_url)


def run_bot() -> int:
    settings = _configured()
    if settings is None:
        return 2
    from .bot import StancewatchBot

    bot = StancewatchBot(settings)
    try:
        bot.run(settings.discord_token, log_level=logging.INFO)
    except discord.LoginFailure:
        print("error: Discord rejected DISCORD_TOKEN; copy the bot token again from the Developer Portal.",
              file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("error: enable the Message Content intent for the bot in the Developer Portal (Bot tab).",
              file=sys.stderr)
        return 1
    return 0


async def _sync(settings: Settings) -> int:
    from .bot import StancewatchBot

    bot = StancewatchBot(settings, start_scheduler=False)
    async with bot:
        await bot.login(settings.discord_token)
        if settings.sync_guild:
            guild = discord.Object(int(settings.sync_guild))
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            where = f"guild {settings.sync_guild}"
        else:
            synced = await bot.tree.sync()
            where = "globally (may take up to an hour to appear)"
    print(f"Synced {len(synced)} slash commands {where}.")
    return 0


def sync_commands() -> int:
    settings = _configured()
    if settings is None:
        return 2
    try:
        return asyncio.run(_sync(settings))
    except discord.LoginFailure:
        print("error: Discord rejected DISCORD_TOKEN.", file=sys.stderr)
        return 1
