"""The Bot subclass: owns the service (database engine) and the scheduler, loads one cog per feature."""

from __future__ import annotations

import asyncio
import logging

import discord
from discord.ext import commands

from ..commands import CommandLayer
from ..config import Settings
from ..scheduler import create_scheduler, run_shift_pass
from ..service import StanceService
from .embeds import NO_MENTIONS, escape

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.discord_app.cogs.errors",
    "bot.discord_app.cogs.stance",
    "bot.discord_app.cogs.ingest",
    "bot.discord_app.cogs.registry",
    "bot.discord_app.cogs.watch",
    "bot.discord_app.cogs.admin",
)


class StancewatchBot(commands.Bot):
    def __init__(self, settings: Settings | None = None, *, start_scheduler: bool = True, **kwargs):
        self.settings = settings or Settings()
        intents = discord.Intents.default()
        intents.message_content = True  # privileged: needed for `!` prefix commands
        owner_ids = {int(x) for x in self.settings.owner_ids.replace(" ", "").split(",") if x}
        super().__init__(command_prefix=commands.when_mentioned_or(self.settings.command_prefix), intents=intents,
                         allowed_mentions=NO_MENTIONS, help_command=None, owner_ids=owner_ids or None, **kwargs)
        self.start_scheduler = start_scheduler
        self.service: StanceService | None = None
        self.layer: CommandLayer | None = None
        self.scheduler = None
        self.replies_sent = 0
        self._views: list[discord.ui.View] = []
        self._delivery_lock = asyncio.Lock()
        self.startup_pass: asyncio.Task | None = None

    async def setup_hook(self) -> None:
        # resources are created here, not at import: the database engine (with migrations) ...
        self.service = await asyncio.to_thread(StanceService, self.settings)
        self.layer = CommandLayer(self.service, escape=escape)
        for ext in EXTENSIONS:
            try:
                await self.load_extension(ext)
            except Exception:
                log.exception("failed to load extension %s", ext)
        # ... and the scheduled shift pass, whose state lives in the database.
        if self.start_scheduler:
            from .alerts import deliver_alerts

            async def after_pass(_shifts):
                await deliver_alerts(self)

            self.scheduler = create_scheduler(self.service, self.settings.check_interval, after_pass)
            self.scheduler.start()

    async def on_ready(self) -> None:
        log.info("ready as %s in %d server(s)", self.user, len(self.guilds))
        if self.start_scheduler:
            # deliver anything a previous run left queued
            self.startup_pass = asyncio.create_task(run_shift_pass())

    def track_view(self, view: discord.ui.View) -> None:
        self._views = [v for v in self._views if not v.is_finished()]
        self._views.append(view)

    async def close(self) -> None:
        for view in self._views:
            view.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await super().close()
        if self.service is not None:
            self.service.close()
