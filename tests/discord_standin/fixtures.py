"""Pytest fixture: ``from tests.discord_standin.fixtures import standin  # noqa: F401``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from .discordpy import point_discord_py_at
from .server import DiscordStandin


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[DiscordStandin]:
    """A started stand-in with the default world (``standin.default_world``), discord.py pointed at it."""
    server = DiscordStandin()
    server.populate_default_world()
    await server.start()
    restore = point_discord_py_at(server)
    try:
        yield server
    finally:
        restore()
        await server.stop()
    if server.internal_errors:
        pytest.fail(f"the Discord stand-in itself failed: {server.internal_errors!r}")
