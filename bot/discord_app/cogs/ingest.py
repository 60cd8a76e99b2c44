"""Ingest pasted text or an attached file."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from ...service import UserError
from ..context import run

OPTION_KEYS = ("title", "url", "date")
MAX_ATTACHMENT = 5 * 1024 * 1024


def split_options(text: str) -> tuple[dict[str, str], str]:
    """Leading `title="..." url=... date=YYYY-MM-DD` options, then the article text."""
    import shlex

    options: dict[str, str] = {}
    rest = text.strip()
    while rest:
        key = rest.split("=", 1)[0]
        if key not in OPTION_KEYS or "=" not in rest:
            break
        lexer = shlex.shlex(rest[len(key) + 1:], posix=True)
        lexer.whitespace_split = True
        try:
            value = next(iter(lexer))
        except (StopIteration, ValueError):
            break
        options[key] = value
        rest = lexer.instream.read().strip() if hasattr(lexer.instream, "read") else ""
    return options, rest


class IngestCog(commands.Cog, name="Ingest"):
    def __init__(self, bot):
        self.bot = bot

    @commands.hybrid_command(description="Analyse an article: paste text or attach a .txt/.html/.json file")
    @app_commands.describe(file="a .txt, .md, .html or .json article",
                           text='options then text: title="..." url=... date=YYYY-MM-DD <article text>')
    @commands.cooldown(3, 30, commands.BucketType.user)
    async def ingest(self, ctx: commands.Context, file: discord.Attachment | None = None, *,
                     text: str | None = None) -> None:
        options, body = split_options(text or "")
        if file is None and ctx.message is not None and ctx.message.attachments and ctx.interaction is None:
            file = ctx.message.attachments[0]
        if file is not None:
            if file.size > MAX_ATTACHMENT:
                raise UserError(f"{file.filename} is over 5 MB; articles that large are refused.")
            data = await file.read()
            await run(ctx, self.bot.layer.ingest, filename=file.filename, data=data, title=options.get("title"),
                      url=options.get("url"), published=options.get("date"))
        else:
            await run(ctx, self.bot.layer.ingest, text=body, title=options.get("title"), url=options.get("url"),
                      published=options.get("date"))


async def setup(bot) -> None:
    await bot.add_cog(IngestCog(bot))
