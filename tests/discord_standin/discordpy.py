"""Glue for pointing an unmodified discord.py at the stand-in and running a bot against it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

import discord
import yarl
from discord.asset import Asset
from discord.gateway import DiscordWebSocket
from discord.http import Route

if TYPE_CHECKING:
    from .server import DiscordStandin

ClientT = TypeVar("ClientT", bound=discord.Client)


def point_discord_py_at(target: DiscordStandin | str) -> Callable[[], None]:
    """Point discord.py's REST base, default gateway and CDN base at the stand-in.

    ``target`` is a started :class:`DiscordStandin` or its root URL (``http://127.0.0.1:PORT``,
    e.g. for a stand-in running in another process). Returns a function restoring the old values.
    discord.py 2.7 never calls GET /gateway/bot for a plain ``Client`` (only ``AutoShardedClient``
    does), so ``DEFAULT_GATEWAY`` is what it connects to; resumes use READY's ``resume_gateway_url``.
    """
    root = target if isinstance(target, str) else target.http_base
    root = root.rstrip("/")
    saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, Asset.BASE)
    Route.BASE = f"{root}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(root.replace("http", "ws", 1) + "/gateway")
    Asset.BASE = f"{root}/cdn"

    def restore() -> None:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY, Asset.BASE = saved

    return restore


@contextlib.contextmanager
def discord_py_pointed_at(target: DiscordStandin | str) -> Iterator[None]:
    """Context manager form of :func:`point_discord_py_at`."""
    restore = point_discord_py_at(target)
    try:
        yield
    finally:
        restore()


@contextlib.asynccontextmanager
async def running_bot(
    bot: ClientT,
    standin: DiscordStandin,
    *,
    timeout: float = 5.0,
    guild_ready_timeout: float | None = 0.05,
    stop_views: bool = True,
) -> AsyncIterator[ClientT]:
    """Log ``bot`` in, connect it (``reconnect=False``), wait for ``on_ready``; close it on exit.

    discord.py waits ``guild_ready_timeout`` (default 2 s) after the last GUILD_CREATE before READY
    fires; this helper lowers it (set ``guild_ready_timeout=None`` to keep the bot's own value).
    Errors of the connect task (e.g. a gateway close code) are re-raised. ``bot.close()`` does not
    stop Views, whose timeout tasks would outlive the test; ``stop_views`` stops them.
    """
    if guild_ready_timeout is not None:
        bot._connection.guild_ready_timeout = guild_ready_timeout
    connect_task: asyncio.Task[None] | None = None
    body_ok = False
    try:
        await bot.login(standin.token)
        connect_task = asyncio.create_task(bot.connect(reconnect=False), name="standin-bot-connect")
        ready_task = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready_task, connect_task}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        if ready_task not in done:
            ready_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ready_task
            if connect_task.done():
                connect_task.result()
                raise RuntimeError("bot.connect() returned before the bot became ready")
            raise TimeoutError(f"bot not ready after {timeout}s")
        yield bot
        body_ok = True
    finally:
        await bot.close()
        if stop_views:
            _stop_views(bot)
        if connect_task is not None:
            done, _ = await asyncio.wait({connect_task}, timeout=timeout)
            if not done:
                connect_task.cancel()
                if body_ok:
                    raise RuntimeError("bot.connect() did not return after bot.close()")
            elif not connect_task.cancelled() and (exc := connect_task.exception()) is not None and body_ok:
                raise exc


def _stop_views(bot: discord.Client) -> None:
    """Stop every View/Modal discord.py still tracks (cancels their timeout tasks)."""
    store = getattr(bot._connection, "_view_store", None)
    if store is None:
        return
    views = {item.view for items in store._views.values() for item in items.values() if item.view is not None}
    views.update(store._modals.values())
    for view in views:
        view.stop()
