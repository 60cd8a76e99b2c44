"""Named permission checks, used as decorators on commands."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands


def manage_server():
    """Manage Server for configuration commands: prefix check plus slash default permissions."""

    def decorator(func):
        func = commands.has_guild_permissions(manage_guild=True)(func)
        return app_commands.default_permissions(manage_guild=True)(func)

    return decorator
