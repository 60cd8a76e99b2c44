"""Server configuration: topics and officials (Manage Server)."""

from __future__ import annotations

from discord import app_commands
from discord.ext import commands

from ..checks import manage_server
from ..context import run
from .autocomplete import official_autocomplete, topic_autocomplete


class RegistryCog(commands.Cog, name="Registry"):
    def __init__(self, bot):
        self.bot = bot

    @commands.hybrid_group(description="Add or remove tracked topics", invoke_without_command=True)
    @manage_server()
    async def topic(self, ctx: commands.Context) -> None:
        await ctx.send(f"Use `{self.bot.settings.command_prefix}topic add <slug> <keywords…>` or "
                       f"`{self.bot.settings.command_prefix}topic remove <slug>`.")

    @topic.command(name="add", description="Track a new topic (or add keywords to one)")
    @app_commands.describe(slug="short id, e.g. carbon-tax", keywords="phrases that mark the topic, comma-separated")
    @commands.has_guild_permissions(manage_guild=True)
    async def topic_add(self, ctx: commands.Context, slug: str, *, keywords: str) -> None:
        words = [k.strip() for k in (keywords.split(",") if "," in keywords else keywords.split()) if k.strip()]
        await run(ctx, self.bot.layer.topic_add, slug, words)

    @topic.command(name="remove", description="Stop tracking a topic")
    @app_commands.autocomplete(slug=topic_autocomplete)
    @commands.has_guild_permissions(manage_guild=True)
    async def topic_remove(self, ctx: commands.Context, slug: str) -> None:
        await run(ctx, self.bot.layer.topic_remove, slug)

    @commands.hybrid_group(description="Aliases and merges of officials", invoke_without_command=True)
    @manage_server()
    async def official(self, ctx: commands.Context) -> None:
        await ctx.send(f"Use `{self.bot.settings.command_prefix}official alias <official> <alias>` or "
                       f"`{self.bot.settings.command_prefix}official merge <keep> <merge>`.")

    @official.command(name="alias", description="Teach another name for an official")
    @app_commands.autocomplete(official=official_autocomplete)
    @commands.has_guild_permissions(manage_guild=True)
    async def official_alias(self, ctx: commands.Context, official: str, *, alias: str) -> None:
        await run(ctx, self.bot.layer.official_alias, official, alias)

    @official.command(name="merge", description="Merge two records of the same person")
    @app_commands.autocomplete(keep=official_autocomplete, merge=official_autocomplete)
    @commands.has_guild_permissions(manage_guild=True)
    async def official_merge(self, ctx: commands.Context, keep: str, merge: str) -> None:
        await run(ctx, self.bot.layer.official_merge, keep, merge)


async def setup(bot) -> None:
    await bot.add_cog(RegistryCog(bot))
