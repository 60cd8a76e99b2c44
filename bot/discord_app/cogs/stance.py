"""Queries: stance, timeline, shifts, officials, topics."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from ..context import run
from .autocomplete import official_autocomplete, topic_autocomplete


class StanceCog(commands.Cog, name="Stance"):
    def __init__(self, bot):
        self.bot = bot

    @commands.hybrid_command(description="An official's current stance on a topic, with dated, sourced evidence")
    @app_commands.describe(official="who (e.g. rutte)", topic="topic slug or title (e.g. ukraine-membership)")
    @app_commands.autocomplete(official=official_autocomplete, topic=topic_autocomplete)
    @commands.cooldown(5, 30, commands.BucketType.user)
    async def stance(self, ctx: commands.Context, official: str, *, topic: str) -> None:
        await run(ctx, self.bot.layer.stance, official, topic)

    @commands.hybrid_command(description="Every statement of an official, newest first")
    @app_commands.autocomplete(official=official_autocomplete, topic=topic_autocomplete)
    @commands.cooldown(5, 30, commands.BucketType.user)
    async def timeline(self, ctx: commands.Context, official: str, *, topic: str | None = None) -> None:
        await run(ctx, self.bot.layer.timeline, official, topic)

    @commands.hybrid_command(description="Recorded stance shifts")
    @app_commands.autocomplete(official=official_autocomplete, topic=topic_autocomplete)
    async def shifts(self, ctx: commands.Context, official: str | None = None, *, topic: str | None = None) -> None:
        await run(ctx, self.bot.layer.shifts, official, topic)

    @commands.hybrid_command(description="Officials tracked in this server")
    async def officials(self, ctx: commands.Context) -> None:
        await run(ctx, self.bot.layer.officials)

    @commands.hybrid_command(description="Topics tracked in this server")
    async def topics(self, ctx: commands.Context) -> None:
        await run(ctx, self.bot.layer.topics)


async def setup(bot) -> None:
    await bot.add_cog(StanceCog(bot))
