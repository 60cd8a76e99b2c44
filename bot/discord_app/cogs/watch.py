"""Alert subscriptions for this channel."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from ..checks import manage_server
from ..context import run
from .autocomplete import official_autocomplete, topic_autocomplete


class WatchCog(commands.Cog, name="Watch"):
    def __init__(self, bot):
        self.bot = bot

    @commands.hybrid_command(description="Post shift alerts in this channel (optionally for one official/topic)")
    @app_commands.autocomplete(official=official_autocomplete, topic=topic_autocomplete)
    @manage_server()
    async def watch(self, ctx: commands.Context, official: str | None = None, *, topic: str | None = None) -> None:
        await run(ctx, self.bot.layer.watch, official, topic)

    @commands.hybrid_command(description="Stop posting these alerts in this channel")
    @app_commands.autocomplete(official=official_autocomplete, topic=topic_autocomplete)
    @manage_server()
    async def unwatch(self, ctx: commands.Context, official: str | None = None, *, topic: str | None = None) -> None:
        await run(ctx, self.bot.layer.unwatch, official, topic)

    @commands.hybrid_command(description="Alert subscriptions in this server")
    async def watches(self, ctx: commands.Context) -> None:
        await run(ctx, self.bot.layer.watches)


async def setup(bot) -> None:
    await bot.add_cog(WatchCog(bot))
