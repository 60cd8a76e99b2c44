"""Help and the owner-only slash-command sync."""

from __future__ import annotations

import discord
from discord.ext import commands

from ..context import run


class AdminCog(commands.Cog, name="Admin"):
    def __init__(self, bot):
        self.bot = bot

    @commands.hybrid_command(name="help", description="What Stancewatch can do")
    async def help_command(self, ctx: commands.Context) -> None:
        await run(ctx, self.bot.layer.help, self.bot.settings.command_prefix)

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync(self, ctx: commands.Context, scope: str = "guild") -> None:
        """Register slash commands: `sync guild` (this server, instant) or `sync global`."""
        if scope == "global":
            synced = await self.bot.tree.sync()
        else:
            self.bot.tree.copy_global_to(guild=ctx.guild)
            synced = await self.bot.tree.sync(guild=ctx.guild)
        await ctx.send(f"Synced {len(synced)} slash commands ({scope}).", allowed_mentions=discord.AllowedMentions.none())


async def setup(bot) -> None:
    await bot.add_cog(AdminCog(bot))
