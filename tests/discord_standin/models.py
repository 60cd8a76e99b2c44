"""In-memory Discord world (users, guilds, roles, channels, messages) and JSON payload builders.

Everything here produces Discord API v10 shaped dicts (snowflakes as strings, ISO timestamps).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1420070400000


class Perm:
    """Permission bit constants (https://discord.com/developers/docs/topics/permissions)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_AUDIT_LOG = 1 << 7
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40
    ALL = (1 << 53) - 1

    EVERYONE_DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS
    )
    BOT_DEFAULT = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
        | SEND_MESSAGES_IN_THREADS
    )


class ChannelType:
    """Channel type constants."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_VOICE = 2
    GUILD_CATEGORY = 4
    GUILD_NEWS = 5


class Snowflakes:
    """Generates unique, increasing, realistic snowflake ids."""

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        """Return a new snowflake based on the current time."""
        candidate = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (1 << 17)
        if candidate <= self._last:
            candidate = self._last + 1
        self._last = candidate
        return candidate


def iso_now() -> str:
    """Current UTC time as Discord formats it."""
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass
class User:
    """A Discord user (bot or human)."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> JSON:
        """User object."""
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "public_flags": 0,
            "flags": 0,
            "bot": self.bot,
            "system": False,
        }


@dataclass
class Role:
    """A guild role; the @everyone role has the guild's id."""

    id: int
    guild_id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False
    bot_id: int | None = None

    def payload(self) -> JSON:
        """Role object."""
        data: JSON = {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Channel:
    """A guild channel or a DM channel (guild_id None)."""

    id: int
    guild_id: int | None
    name: str
    type: int = ChannelType.GUILD_TEXT
    position: int = 0
    topic: str | None = None
    parent_id: int | None = None
    overwrites: list[JSON] = field(default_factory=list)
    recipient_ids: list[int] = field(default_factory=list)
    last_message_id: int | None = None

    def payload(self, users: dict[int, User]) -> JSON:
        """Channel object."""
        last = str(self.last_message_id) if self.last_message_id else None
        if self.guild_id is None:
            return {
                "id": str(self.id),
                "type": ChannelType.DM,
                "last_message_id": last,
                "flags": 0,
                "recipients": [users[u].payload() for u in self.recipient_ids if u in users],
            }
        data: JSON = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [dict(o) for o in self.overwrites],
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "nsfw": False,
            "flags": 0,
        }
        if self.type in (ChannelType.GUILD_TEXT, ChannelType.GUILD_NEWS):
            data.update(
                topic=self.topic,
                last_message_id=last,
                rate_limit_per_user=0,
                default_auto_archive_duration=1440,
            )
        elif self.type == ChannelType.GUILD_VOICE:
            data.update(bitrate=64000, user_limit=0, rtc_region=None, last_message_id=last)
        return data


@dataclass
class Member:
    """A user's membership in a guild."""

    guild_id: int
    user_id: int
    role_ids: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = field(default_factory=iso_now)

    def payload(self, user: User | None = None) -> JSON:
        """Guild member object; includes ``user`` when given."""
        data: JSON = {
            "roles": [str(r) for r in self.role_ids],
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "joined_at": self.joined_at,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if user is not None:
            data["user"] = user.payload()
        return data


@dataclass
class Guild:
    """A guild with its roles, channels and members."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channel_ids: list[int] = field(default_factory=list)
    members: dict[int, Member] = field(default_factory=dict)
    joined_at: str = field(default_factory=iso_now)


@dataclass
class StoredFile:
    """A file served by the stand-in (attachments the tests add or the bot uploads)."""

    id: int
    filename: str
    data: bytes
    content_type: str | None = None
    path: str = ""

    def payload(self, http_base: str) -> JSON:
        """Attachment object whose url points back at the stand-in."""
        url = http_base + self.path
        data: JSON = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": url,
            "proxy_url": url,
        }
        if self.content_type:
            data["content_type"] = self.content_type
        return data


MENTION_USER = re.compile(r"<@!?(\d+)>")
MENTION_ROLE = re.compile(r"<@&(\d+)>")


class World:
    """The stand-in's mutable Discord state."""

    def __init__(self) -> None:
        self.ids = Snowflakes()
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, JSON] = {}
        self.files: dict[int, StoredFile] = {}

    # -- lookups -------------------------------------------------------------------------------

    def guild_of_channel(self, channel_id: int) -> Guild | None:
        """Guild owning a channel (None for DMs or unknown channels)."""
        channel = self.channels.get(channel_id)
        if channel is None or channel.guild_id is None:
            return None
        return self.guilds.get(channel.guild_id)

    # -- permissions ---------------------------------------------------------------------------

    def base_permissions(self, guild_id: int, user_id: int) -> int:
        """Guild-level permissions of a member (owner/administrator => all)."""
        guild = self.guilds[guild_id]
        if user_id == guild.owner_id:
            return Perm.ALL
        member = guild.members.get(user_id)
        perms = guild.roles[guild.id].permissions
        for role_id in member.role_ids if member else []:
            role = guild.roles.get(role_id)
            if role is not None:
                perms |= role.permissions
        return Perm.ALL if perms & Perm.ADMINISTRATOR else perms

    def channel_permissions(self, channel_id: int, user_id: int) -> int:
        """Permissions of a member in a channel, applying overwrites like Discord does."""
        channel = self.channels[channel_id]
        if channel.guild_id is None:
            return Perm.EVERYONE_DEFAULT & ~Perm.MANAGE_MESSAGES
        perms = self.base_permissions(channel.guild_id, user_id)
        if perms == Perm.ALL:
            return perms
        guild = self.guilds[channel.guild_id]
        member = guild.members.get(user_id)
        role_ids = set(member.role_ids) if member else set()
        by_id = {int(o["id"]): o for o in channel.overwrites}
        everyone = by_id.get(guild.id)
        if everyone:
            perms = (perms & ~int(everyone["deny"])) | int(everyone["allow"])
        allow = deny = 0
        for target, ow in by_id.items():
            if ow["type"] == 0 and target in role_ids:
                allow |= int(ow["allow"])
                deny |= int(ow["deny"])
        perms = (perms & ~deny) | allow
        own = by_id.get(user_id)
        if own and own["type"] == 1:
            perms = (perms & ~int(own["deny"])) | int(own["allow"])
        return perms

    # -- payloads ------------------------------------------------------------------------------

    def member_payload(self, guild_id: int, user_id: int, *, with_user: bool = True) -> JSON:
        """Guild member object for a known member."""
        member = self.guilds[guild_id].members[user_id]
        return member.payload(self.users[user_id] if with_user else None)

    def channel_payload(self, channel_id: int) -> JSON:
        """Channel object for a known channel."""
        return self.channels[channel_id].payload(self.users)

    def guild_payload(self, guild_id: int, *, full: bool, include_members: bool = True) -> JSON:
        """Guild object; ``full`` adds the GUILD_CREATE-only fields (channels, members, ...)."""
        guild = self.guilds[guild_id]
        text_channels = [c for c in guild.channel_ids if self.channels[c].type == ChannelType.GUILD_TEXT]
        data: JSON = {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(guild.owner_id),
            "region": "deprecated",
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "features": [],
            "roles": [r.payload() for r in guild.roles.values()],
            "emojis": [],
            "stickers": [],
            "system_channel_id": str(text_channels[0]) if text_channels else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "application_id": None,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "widget_enabled": False,
            "widget_channel_id": None,
        }
        if full:
            members = guild.members.values()
            if not include_members:
                members = [m for m in members if self.users[m.user_id].bot]
            data.update(
                joined_at=guild.joined_at,
                large=len(guild.members) >= 250,
                unavailable=False,
                member_count=len(guild.members),
                members=[m.payload(self.users[m.user_id]) for m in members],
                channels=[self.channel_payload(c) for c in guild.channel_ids],
                threads=[],
                presences=[],
                voice_states=[],
                stage_instances=[],
                guild_scheduled_events=[],
                soundboard_sounds=[],
            )
        return data

    def build_message(
        self,
        channel_id: int,
        author_id: int,
        content: str = "",
        *,
        embeds: list[JSON] | None = None,
        components: list[JSON] | None = None,
        attachments: list[JSON] | None = None,
        flags: int = 0,
        msg_type: int = 0,
        reply_to: int | None = None,
        webhook_id: int | None = None,
        application_id: int | None = None,
        tts: bool = False,
        nonce: str | int | None = None,
    ) -> JSON:
        """Create, store and return a full message object."""
        channel = self.channels[channel_id]
        message_id = self.ids.next()
        author = self.users[author_id]
        data: JSON = {
            "id": str(message_id),
            "channel_id": str(channel_id),
            "author": author.payload(),
            "content": content,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": tts,
            "mention_everyone": "@everyone" in content or "@here" in content,
            "mentions": [],
            "mention_roles": [],
            "attachments": attachments or [],
            "embeds": embeds or [],
            "components": components or [],
            "reactions": [],
            "pinned": False,
            "type": msg_type,
            "flags": flags,
        }
        if nonce is not None:
            data["nonce"] = nonce
        if webhook_id is not None:
            data["webhook_id"] = str(webhook_id)
        if application_id is not None:
            data["application_id"] = str(application_id)
        guild = self.guild_of_channel(channel_id)
        if guild is not None:
            data["guild_id"] = str(guild.id)
            if author_id in guild.members and webhook_id is None:
                data["member"] = guild.members[author_id].payload()
        self.fill_mentions(data, guild)
        if reply_to is not None:
            data["type"] = 19 if msg_type == 0 else msg_type
            data["message_reference"] = {
                "type": 0,
                "message_id": str(reply_to),
                "channel_id": str(channel_id),
                **({"guild_id": str(guild.id)} if guild else {}),
            }
            data["referenced_message"] = self.messages.get(reply_to)
        channel.last_message_id = message_id
        self.messages[message_id] = data
        return data

    def fill_mentions(self, message: JSON, guild: Guild | None) -> None:
        """Populate ``mentions``/``mention_roles`` from ``<@id>``/``<@&id>`` in the content."""
        content = message.get("content") or ""
        mentions: list[JSON] = []
        for raw in dict.fromkeys(MENTION_USER.findall(content)):
            user = self.users.get(int(raw))
            if user is None:
                continue
            entry = user.payload()
            if guild is not None and user.id in guild.members:
                entry["member"] = guild.members[user.id].payload()
            mentions.append(entry)
        message["mentions"] = mentions
        roles = [r for r in dict.fromkeys(MENTION_ROLE.findall(content))]
        message["mention_roles"] = [r for r in roles if guild is not None and int(r) in guild.roles]
