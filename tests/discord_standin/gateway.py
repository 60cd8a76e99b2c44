"""Gateway websocket plumbing: framing (json / zlib-stream), sessions, sequence numbers, replay."""

from __future__ import annotations

import asyncio
import json
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

JSON = dict[str, Any]


class Op:
    """Gateway opcodes."""

    DISPATCH = 0
    HEARTBEAT = 1
    IDENTIFY = 2
    PRESENCE_UPDATE = 3
    VOICE_STATE_UPDATE = 4
    RESUME = 6
    RECONNECT = 7
    REQUEST_GUILD_MEMBERS = 8
    INVALID_SESSION = 9
    HELLO = 10
    HEARTBEAT_ACK = 11


class Intent:
    """Gateway intent bits the stand-in cares about."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    GUILD_MESSAGE_TYPING = 1 << 11
    DIRECT_MESSAGES = 1 << 12
    DIRECT_MESSAGE_REACTIONS = 1 << 13
    DIRECT_MESSAGE_TYPING = 1 << 14
    MESSAGE_CONTENT = 1 << 15
    PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT


# event name -> (intent needed for guild events, intent needed for DM events)
EVENT_INTENTS: dict[str, tuple[int, int]] = {
    "MESSAGE_CREATE": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_UPDATE": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_DELETE": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_DELETE_BULK": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_REACTION_ADD": (Intent.GUILD_MESSAGE_REACTIONS, Intent.DIRECT_MESSAGE_REACTIONS),
    "MESSAGE_REACTION_REMOVE": (Intent.GUILD_MESSAGE_REACTIONS, Intent.DIRECT_MESSAGE_REACTIONS),
    "TYPING_START": (Intent.GUILD_MESSAGE_TYPING, Intent.DIRECT_MESSAGE_TYPING),
    "GUILD_MEMBER_ADD": (Intent.GUILD_MEMBERS, Intent.GUILD_MEMBERS),
    "GUILD_MEMBER_UPDATE": (Intent.GUILD_MEMBERS, Intent.GUILD_MEMBERS),
    "GUILD_MEMBER_REMOVE": (Intent.GUILD_MEMBERS, Intent.GUILD_MEMBERS),
    "PRESENCE_UPDATE": (Intent.GUILD_PRESENCES, Intent.GUILD_PRESENCES),
}


class GatewayConnection:
    """One websocket; serialises sends so zlib-stream frames stay in order."""

    def __init__(self, ws: web.WebSocketResponse, compression: str | None) -> None:
        self.ws = ws
        self.compression = compression
        self._zlib = zlib.compressobj() if compression == "zlib-stream" else None
        self.lock = asyncio.Lock()
        self.session: GatewaySession | None = None

    async def send(self, payload: JSON) -> None:
        """Send one gateway payload (acquires the send lock)."""
        async with self.lock:
            await self.send_locked(payload)

    async def send_locked(self, payload: JSON) -> None:
        """Send one payload; caller must hold :attr:`lock`."""
        if self.ws.closed:
            return
        raw = json.dumps(payload, separators=(",", ":"))
        if self._zlib is not None:
            data = self._zlib.compress(raw.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(data)
        else:
            # zstd-stream is requested only when the client has a zstd library; discord.py
            # accepts uncompressed text frames whatever it asked for, so we send text.
            await self.ws.send_str(raw)


@dataclass
class GatewaySession:
    """An identified gateway session (survives reconnects until invalidated)."""

    session_id: str
    token: str
    intents: int
    shard: tuple[int, int] = (0, 1)
    seq: int = 0
    conn: GatewayConnection | None = None
    buffer: deque[JSON] = field(default_factory=lambda: deque(maxlen=1000))

    def wants(self, event: str, data: Any) -> bool:
        """Whether this session should receive ``event`` (intents and sharding)."""
        guild_id = data.get("guild_id") if isinstance(data, dict) else None
        needed = EVENT_INTENTS.get(event)
        if needed is not None and not self.intents & needed[0 if guild_id else 1]:
            return False
        if guild_id and self.shard[1] > 1:
            return (int(guild_id) >> 22) % self.shard[1] == self.shard[0]
        return True

    async def dispatch(self, event: str, data: Any) -> None:
        """Assign the next sequence number, buffer the frame for RESUME and send it if connected."""
        conn = self.conn
        if conn is None:
            self.seq += 1
            self.buffer.append({"op": Op.DISPATCH, "t": event, "s": self.seq, "d": data})
            return
        async with conn.lock:
            self.seq += 1
            frame = {"op": Op.DISPATCH, "t": event, "s": self.seq, "d": data}
            self.buffer.append(frame)
            await conn.send_locked(frame)

    async def replay(self, conn: GatewayConnection, after_seq: int) -> None:
        """Re-send buffered dispatches with ``s > after_seq`` on a resumed connection."""
        async with conn.lock:
            for frame in list(self.buffer):
                if frame["s"] > after_seq:
                    await conn.send_locked(frame)
