"""The one error handler that speaks to users: short replies, tracebacks to the log only."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from ...commands import friendly_error
from ..embeds import NO_MENTIONS, clip, escape

CONTENT_LIMIT = 2000

log = logging.getLogger(__name__)

DM_MESSAGE = "Stancewatch works inside a server (each server keeps its own data): use it in a server channel."


def user_message(error: Exception, prefix: str) -> str | None:
    """The reply for an error, or None when the error is not for users (it is logged instead)."""
    while isinstance(error, (commands.HybridCommandError, commands.CommandInvokeError,
                             app_commands.CommandInvokeError)) and error.original is not None:
        error = error.original
    message = friendly_error(error)
    if message:
        return message
    if isinstance(error, commands.NoPrivateMessage | app_commands.NoPrivateMessage):
        return DM_MESSAGE
    if isinstance(error, commands.MissingPermissions | app_commands.MissingPermissions):
        return "You need the Manage Server permission for that."
    if isinstance(error, commands.NotOwner):
        return "Only the bot's owner can do that."
    if isinstance(error, commands.CommandOnCooldown | app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f}s."
    if isinstance(error, commands.MissingRequiredArgument):
        return f"Missing `{error.param.name}`. Type `{prefix}help` for how to use the commands."
    if isinstance(error, commands.BadArgument | commands.BadUnionArgument | commands.ArgumentParsingError):
        return f"I couldn't read that: {error}"
    if isinstance(error, commands.CheckFailure | app_commands.CheckFailure):
        return "You can't use that command here."
    return None


class ErrorsCog(commands.Cog, name="Errors"):
    def __init__(self, bot):
        self.bot = bot
        bot.tree.on_error = self.on_app_command_error

    async def cog_load(self) -> None:
        self.bot.add_check(self._guild_only)

    @staticmethod
    async def _guild_only(ctx: commands.Context) -> bool:
        if ctx.guild is None and ctx.command and ctx.command.qualified_name != "help":
            raise commands.NoPrivateMessage(DM_MESSAGE)
        return True

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context, error: commands.CommandError) -> None:
        if isinstance(error, commands.CommandNotFound):
            return
        message = user_message(error, self.bot.settings.command_prefix)
        if message is None:
            log.error("command %s failed", ctx.command, exc_info=error)
            message = "Something went wrong on my side; it has been logged."
        try:
            await ctx.send(clip(escape(message), CONTENT_LIMIT), ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not send an error reply in channel %s", getattr(ctx.channel, "id", "?"))

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        message = user_message(error, self.bot.settings.command_prefix)
        if message is None:
            log.error("slash command failed", exc_info=error)
            message = "Something went wrong on my side; it has been logged."
        send = interaction.followup.send if interaction.response.is_done() else interaction.response.send_message
        try:
            await send(clip(escape(message), CONTENT_LIMIT), ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            log.warning("could not send an error reply to an interaction")


async def setup(bot) -> None:
    await bot.add_cog(ErrorsCog(bot))
