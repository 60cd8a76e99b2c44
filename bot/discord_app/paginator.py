"""Button pages that only the person who asked may turn."""

from __future__ import annotations

import discord

from ..commands import Page
from .embeds import page_embed


class PageView(discord.ui.View):
    def __init__(self, pages: list[Page], author_id: int, timeout: float = 300):
        super().__init__(timeout=timeout)
        self.pages = pages
        self.author_id = author_id
        self.index = 0
        self._sync_buttons()

    def embed(self) -> discord.Embed:
        return page_embed(self.pages[self.index], f"page {self.index + 1}/{len(self.pages)}")

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.author_id:
            await interaction.response.send_message("Only the person who asked can turn these pages.", ephemeral=True)
            return False
        return True

    @discord.ui.button(label="\u25c0 Previous", style=discord.ButtonStyle.secondary, custom_id="sw:prev")
    async def previous(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        self.index = max(0, self.index - 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embed(), view=self)

    @discord.ui.button(label="Next \u25b6", style=discord.ButtonStyle.secondary, custom_id="sw:next")
    async def next(self, interaction: discord.Interaction, _button: discord.ui.Button) -> None:
        self.index = min(len(self.pages) - 1, self.index + 1)
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.embed(), view=self)
