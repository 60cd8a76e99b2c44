"""Helpers every cog uses: the caller, running the command layer off the event loop, replying."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from ..commands import Caller, Reply
from .embeds import NO_MENTIONS, page_embed
from .paginator import PageView

if TYPE_CHECKING:
    from .bot import StancewatchBot


def caller_of(ctx: commands.Context) -> Caller:
    perms = ctx.author.guild_permissions if isinstance(ctx.author, discord.Member) else None
    return Caller(workspace=str(ctx.guild.id), channel_id=str(ctx.channel.id), user=str(ctx.author.id),
                  can_manage=bool(perms and perms.manage_guild))


async def run(ctx: commands.Context, func: Callable[..., Reply], *args, **kwargs) -> None:
    """Call the command layer in a worker thread (database work never blocks the loop) and reply."""
    bot: StancewatchBot = ctx.bot
    if ctx.interaction is not None and not ctx.interaction.response.is_done():
        await ctx.defer()
    reply = await asyncio.to_thread(func, caller_of(ctx), *args, **kwargs)
    await send_reply(ctx, reply)
    bot.replies_sent += 1


async def send_reply(ctx: commands.Context, reply: Reply) -> None:
    if len(reply.pages) > 1:
        view = PageView(reply.pages, ctx.author.id)
        view.message = await ctx.send(embed=view.embed(), view=view, allowed_mentions=NO_MENTIONS,
                                      ephemeral=reply.ephemeral)
        ctx.bot.track_view(view)
    else:
        await ctx.send(embed=page_embed(reply.first), allowed_mentions=NO_MENTIONS, ephemeral=reply.ephemeral)
