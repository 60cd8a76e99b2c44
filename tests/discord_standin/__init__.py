"""A local stand-in for Discord (REST API v10 + gateway) to test an unmodified discord.py bot.

Usage in tests (see ``fixtures.py`` and ``tests/test_standin_selftest.py``)::

    from tests.discord_standin import DiscordStandin, point_discord_py_at, running_bot

    async with DiscordStandin() as standin:               # aiohttp on 127.0.0.1:<random port>
        w = standin.populate_default_world()              # guild, #general, #alerts, admin, member
        restore = point_discord_py_at(standin)            # Route.BASE, DEFAULT_GATEWAY, Asset.BASE
        async with running_bot(MyBot(), standin) as bot:  # login + connect(reconnect=False) + ready
            await standin.send_message(w.guild_id, w.general_channel_id, w.member_id, "!ping")
            req = await standin.wait_for_request("POST", rf"/channels/{w.general_channel_id}/messages")
            inter = await standin.send_slash(w.guild_id, w.general_channel_id, w.admin_id, "echo", {"text": "hi"})
            callback = await standin.wait_for_callback(inter)   # callback.json == {"type": 4, "data": {...}}
        restore()

Everything the bot sends is in ``standin.requests`` (method, path, query, json, form, files, status,
response); ``fail_next()`` injects 429/5xx/403/404 responses. Or use the ``standin`` pytest fixture
from ``tests.discord_standin.fixtures``. ``python -m tests.discord_standin`` runs one standalone
(control it over HTTP at ``/_standin/call``; see ``__main__.py``).
"""

from .discordpy import discord_py_pointed_at, point_discord_py_at, running_bot
from .gateway import Intent, Op
from .models import ChannelType, Perm
from .records import ApiError, FailureRule, InteractionRecord, RecordedRequest, UploadedFile
from .server import DefaultWorld, DiscordStandin

__all__ = [
    "ApiError",
    "ChannelType",
    "DefaultWorld",
    "DiscordStandin",
    "FailureRule",
    "Intent",
    "InteractionRecord",
    "Op",
    "Perm",
    "RecordedRequest",
    "UploadedFile",
    "discord_py_pointed_at",
    "point_discord_py_at",
    "running_bot",
]
