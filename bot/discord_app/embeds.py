"""Turn transport-neutral pages into Discord embeds, within Discord's limits, in one place."""

from __future__ import annotations

import discord

from ..commands import COLOURS, Page

TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE, FOOTER, TOTAL = 256, 4096, 25, 256, 1024, 2048, 6000
NO_MENTIONS = discord.AllowedMentions.none()


def escape(text: str) -> str:
    """Article text is shown as published, but never as Markdown and never as a ping."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def page_embed(page: Page, footer_extra: str = "") -> discord.Embed:
    embed = discord.Embed(title=clip(page.title, TITLE), description=clip(page.description, DESCRIPTION) or None,
                          colour=COLOURS.get(page.colour, COLOURS["info"]), url=page.url or None)
    used = len(embed.title or "") + len(embed.description or "")
    footer = " \u00b7 ".join(p for p in (page.footer, footer_extra) if p)
    used += len(footer)
    for field in page.fields[:FIELDS]:
        name, value = clip(field.name, FIELD_NAME), clip(field.value, FIELD_VALUE)
        if used + len(name) + len(value) > TOTAL - 20:
            break
        embed.add_field(name=name, value=value, inline=False)
        used += len(name) + len(value)
    if footer:
        embed.set_footer(text=clip(footer, FOOTER))
    return embed
