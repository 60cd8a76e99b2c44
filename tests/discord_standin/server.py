"""The :class:`DiscordStandin` server: aiohttp app serving REST v10, the gateway and attachments."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import json
import logging
import re
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, WSMsgType, hdrs, web

from .gateway import GatewayConnection, GatewaySession, Intent, Op
from .models import JSON, Channel, ChannelType, Guild, Member, Perm, Role, StoredFile, User, World
from .records import (
    ERROR_MESSAGES,
    ApiError,
    FailureRule,
    InteractionRecord,
    RecordedRequest,
    Reply,
    UploadedFile,
)
from .rest import FLAG_EPHEMERAL, RestApi

_log = logging.getLogger(__name__)

# 1x1 transparent PNG served for any CDN asset (avatars, icons).
_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@dataclass
class DefaultWorld:
    """Ids of the scenario built by :meth:`DiscordStandin.populate_default_world`."""

    guild_id: int
    general_channel_id: int
    alerts_channel_id: int
    owner_id: int
    admin_id: int
    member_id: int
    admin_role_id: int


class DiscordStandin:
    """A local Discord (REST API v10 + gateway) for running an unmodified discord.py client against."""

    def __init__(
        self,
        *,
        token: str = "standin-bot-token",
        bot_name: str = "Stancewatch",
        bot_id: int | None = None,
        application_id: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        heartbeat_interval_ms: int = 41250,
        echo_bot_messages: bool = True,
        enforce_permissions: bool = True,
        allowed_privileged_intents: int = Intent.PRIVILEGED,
    ) -> None:
        self.world = World()
        self.token = token
        self.host = host
        self.port = port
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.echo_bot_messages = echo_bot_messages
        self.enforce_permissions = enforce_permissions
        self.allowed_privileged_intents = allowed_privileged_intents
        self.bot_id = bot_id or self.world.ids.next()
        self.application_id = application_id or self.bot_id
        self.world.users[self.bot_id] = User(self.bot_id, bot_name, bot=True)
        self.app_owner_id = self.add_user("app-owner")
        self.default_world: DefaultWorld | None = None

        self.requests: list[RecordedRequest] = []
        self.gateway_log: list[JSON] = []
        self.failures: list[FailureRule] = []
        self.interactions: dict[int, InteractionRecord] = {}
        self.interactions_by_token: dict[str, InteractionRecord] = {}
        self.global_commands: dict[str, JSON] = {}
        self.guild_commands: dict[int, dict[str, JSON]] = {}
        self._unsynced_command_ids: dict[str, int] = {}
        self.sessions: dict[str, GatewaySession] = {}
        self._connections: set[GatewayConnection] = set()
        self.internal_errors: list[BaseException] = []
        self._inflight = 0
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.rest = RestApi(self)

    # -- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on ``host:port`` (port 0 picks a free port)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", r"/api/v{version:\d+}/{tail:.*}", self._api_handler)
        app.router.add_get("/gateway", self._gateway_handler)
        app.router.add_get("/gateway/", self._gateway_handler)
        app.router.add_get(r"/attachments/{channel_id}/{file_id:\d+}/{filename}", self._file_handler)
        app.router.add_get("/cdn/{tail:.*}", self._cdn_handler)
        app.router.add_route("*", "/_standin/{action}", self._control_handler)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close gateway connections and stop the server."""
        for conn in list(self._connections):
            await conn.ws.close(code=1001, message=b"stand-in shutting down")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStandin:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def http_base(self) -> str:
        """Root URL, e.g. ``http://127.0.0.1:PORT``."""
        if self._runner is None:
            raise RuntimeError("DiscordStandin is not started")
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return f"{self.http_base}/api/v10"

    @property
    def gateway_url(self) -> str:
        """Value for ``DiscordWebSocket.DEFAULT_GATEWAY`` (and the READY ``resume_gateway_url``)."""
        return f"ws://{self.host}:{self.port}/gateway"

    # -- world building ------------------------------------------------------------------------

    def add_user(self, username: str, user_id: int | None = None, *, bot: bool = False) -> int:
        """Create (or rename) a user; returns its id."""
        uid = user_id or self.world.ids.next()
        self.world.users[uid] = User(uid, username, bot=bot)
        return uid

    def add_guild(
        self,
        guild_id: int | None = None,
        name: str = "Test Guild",
        owner_id: int | None = None,
        *,
        bot_permissions: int = Perm.BOT_DEFAULT,
        everyone_permissions: int = Perm.EVERYONE_DEFAULT,
    ) -> int:
        """Create a guild with @everyone, the bot's managed role and the bot member (plus the owner)."""
        gid = guild_id or self.world.ids.next()
        owner = owner_id or self.add_user(f"{name.lower().replace(' ', '-')}-owner")
        if owner not in self.world.users:
            self.add_user(f"user{owner}", owner)
        guild = Guild(gid, name, owner)
        guild.roles[gid] = Role(gid, gid, "@everyone", everyone_permissions)
        self.world.guilds[gid] = guild
        bot_role = self.add_role(gid, self.world.users[self.bot_id].username, bot_permissions, managed=True)
        guild.roles[bot_role].bot_id = self.bot_id
        guild.members[self.bot_id] = Member(gid, self.bot_id, [bot_role])
        guild.members[owner] = Member(gid, owner)
        return gid

    def add_role(
        self,
        guild_id: int,
        name: str,
        permissions: int = 0,
        role_id: int | None = None,
        *,
        managed: bool = False,
    ) -> int:
        """Add a role to a guild; returns its id."""
        guild = self.world.guilds[guild_id]
        rid = role_id or self.world.ids.next()
        guild.roles[rid] = Role(rid, guild_id, name, permissions, position=len(guild.roles), managed=managed)
        return rid

    def add_channel(
        self,
        guild_id: int,
        channel_id: int | None = None,
        name: str = "general",
        *,
        type: int = ChannelType.GUILD_TEXT,
        topic: str | None = None,
        parent_id: int | None = None,
    ) -> int:
        """Add a channel (text by default) to a guild; returns its id."""
        guild = self.world.guilds[guild_id]
        cid = channel_id or self.world.ids.next()
        self.world.channels[cid] = Channel(
            cid, guild_id, name, type=type, position=len(guild.channel_ids), topic=topic, parent_id=parent_id
        )
        guild.channel_ids.append(cid)
        return cid

    def add_member(
        self,
        guild_id: int,
        user_id: int | None = None,
        username: str | None = None,
        *,
        admin: bool = False,
        manage_guild: bool = False,
        permissions: int = 0,
        roles: Sequence[int] = (),
        nick: str | None = None,
        bot: bool = False,
    ) -> int:
        """Add a member (creating the user if needed); ``admin``/``manage_guild``/``permissions`` grant roles."""
        guild = self.world.guilds[guild_id]
        uid = user_id or self.world.ids.next()
        if uid not in self.world.users or username:
            self.add_user(username or f"user{uid}", uid, bot=bot)
        role_ids = list(roles)
        for wanted, role_name, perm in (
            (admin, "Admin", Perm.ADMINISTRATOR),
            (manage_guild, "Moderator", Perm.MANAGE_GUILD),
        ):
            if wanted:
                existing = next((r.id for r in guild.roles.values() if r.name == role_name), None)
                role_ids.append(existing or self.add_role(guild_id, role_name, perm))
        if permissions:
            role_ids.append(self.add_role(guild_id, f"perms-{uid}", permissions))
        guild.members[uid] = Member(guild_id, uid, role_ids, nick=nick)
        return uid

    def set_overwrite(self, channel_id: int, target_id: int, *, allow: int = 0, deny: int = 0) -> None:
        """Set a channel permission overwrite for a role (or @everyone = guild id) or a member."""
        channel = self.world.channels[channel_id]
        guild = self.world.guilds[channel.guild_id or 0]
        kind = 0 if target_id in guild.roles else 1
        channel.overwrites = [o for o in channel.overwrites if int(o["id"]) != target_id]
        channel.overwrites.append(
            {"id": str(target_id), "type": kind, "allow": str(allow), "deny": str(deny)}
        )

    def open_dm(self, user_id: int) -> int:
        """Return (creating if needed) the DM channel between the bot and ``user_id``."""
        for channel in self.world.channels.values():
            if channel.guild_id is None and channel.recipient_ids == [user_id]:
                return channel.id
        cid = self.world.ids.next()
        self.world.channels[cid] = Channel(cid, None, "", type=ChannelType.DM, recipient_ids=[user_id])
        return cid

    def store_file(
        self, filename: str, data: bytes, content_type: str | None = None, channel_id: int = 0
    ) -> StoredFile:
        """Store bytes to be served at ``/attachments/...``."""
        fid = self.world.ids.next()
        stored = StoredFile(fid, filename, data, content_type, f"/attachments/{channel_id}/{fid}/{filename}")
        self.world.files[fid] = stored
        return stored

    def add_attachment(self, filename: str, data: bytes, content_type: str | None = None) -> str:
        """Host a file for users to attach; returns its URL (pass it to ``send_message(attachments=...)``)."""
        return self.http_base + self.store_file(filename, data, content_type).path

    def populate_default_world(self) -> DefaultWorld:
        """One guild, #general and #alerts, an owner, an admin and a plain member."""
        owner = self.add_user("guild-owner")
        guild = self.add_guild(name="Stancewatch Test Guild", owner_id=owner)
        general = self.add_channel(guild, name="general")
        alerts = self.add_channel(guild, name="alerts")
        admin = self.add_member(guild, username="admin-alice", admin=True)
        member = self.add_member(guild, username="member-bob")
        admin_role = next(r.id for r in self.world.guilds[guild].roles.values() if r.name == "Admin")
        self.default_world = DefaultWorld(guild, general, alerts, owner, admin, member, admin_role)
        return self.default_world

    # -- payload helpers -----------------------------------------------------------------------

    def user_payload(self, user_id: int) -> JSON:
        """User object of a known user."""
        return self.world.users[user_id].payload()

    def member_payload(self, guild_id: int, user_id: int) -> JSON:
        """Guild member object (with ``user``)."""
        return self.world.member_payload(guild_id, user_id)

    def channel_payload(self, channel_id: int) -> JSON:
        """Channel object."""
        return self.world.channel_payload(channel_id)

    def guild_payload(self, guild_id: int) -> JSON:
        """Full GUILD_CREATE guild object."""
        return self.world.guild_payload(guild_id, full=True)

    def message(self, message_id: int) -> JSON:
        """A stored message (sent by users or the bot)."""
        return self.world.messages[message_id]

    def messages_in(self, channel_id: int, *, include_ephemeral: bool = True) -> list[JSON]:
        """Stored messages of a channel, oldest first."""
        return [
            m
            for m in self.world.messages.values()
            if int(m["channel_id"]) == channel_id
            and (include_ephemeral or not int(m.get("flags") or 0) & FLAG_EPHEMERAL)
        ]

    def bot_messages(self, channel_id: int | None = None) -> list[JSON]:
        """Messages authored by the bot (optionally in one channel), oldest first."""
        return [
            m
            for m in self.world.messages.values()
            if int(m["author"]["id"]) == self.bot_id
            and (channel_id is None or int(m["channel_id"]) == channel_id)
        ]

    # -- recording, waiting, failure injection -------------------------------------------------

    def notify(self) -> None:
        """Wake up every waiter (called whenever state changes)."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_until(
        self,
        predicate: Callable[[], Any],
        timeout: float = 5.0,
        what: str = "condition",
        *,
        poll: float = 0.01,
    ) -> Any:
        """Wait until ``predicate()`` returns something truthy, and return it.

        Re-checked on every stand-in state change and every ``poll`` seconds (so predicates over
        the bot's own state work too). Raises ``TimeoutError`` listing the last requests.
        """
        try:
            async with asyncio.timeout(timeout):
                while True:
                    result = predicate()
                    if result:
                        return result
                    changed = self._changed
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(poll):
                            await changed.wait()
        except TimeoutError:
            seen = "\n  ".join(f"{r.method} {r.path} -> {r.status}" for r in self.requests[-20:])
            raise TimeoutError(
                f"timed out after {timeout}s waiting for {what}; last requests:\n  {seen}"
            ) from None

    async def settle(self, iterations: int = 50) -> None:
        """Let the bot finish reacting: wait for in-flight REST requests, then yield the loop a bit.

        Simulated user actions call this first, like a human who only acts after seeing the bot's
        previous message (e.g. discord.py registers a View only after its POST returned).
        """
        await self.wait_until(lambda: self._inflight == 0, what="in-flight REST requests")
        for _ in range(iterations):
            await asyncio.sleep(0)

    def requests_matching(
        self, method: str | None, path_regex: str | re.Pattern[str], *, since: int = 0
    ) -> list[RecordedRequest]:
        """Recorded requests (index >= since) whose method matches and whose path fully matches the regex."""
        return [r for r in self.requests[since:] if r.matches(method, path_regex)]

    async def wait_for_requests(
        self,
        method: str | None,
        path_regex: str | re.Pattern[str],
        timeout: float = 5.0,
        count: int = 1,
        *,
        since: int = 0,
    ) -> list[RecordedRequest]:
        """Wait until at least ``count`` matching requests were recorded; return the first ``count``."""
        found = await self.wait_until(
            lambda: (m := self.requests_matching(method, path_regex, since=since)) and len(m) >= count and m,
            timeout,
            f"{count} x {method} {path_regex}",
        )
        return found[:count]

    async def wait_for_request(
        self,
        method: str | None,
        path_regex: str | re.Pattern[str],
        timeout: float = 5.0,
        count: int = 1,
        *,
        since: int = 0,
    ) -> RecordedRequest:
        """Wait for the ``count``-th matching request and return it (see :meth:`wait_for_requests`)."""
        return (await self.wait_for_requests(method, path_regex, timeout, count, since=since))[-1]

    async def wait_for_callback(
        self, interaction: InteractionRecord, timeout: float = 5.0
    ) -> RecordedRequest:
        """Wait for the bot's first successful callback to an interaction."""
        path = re.escape(interaction.callback_path)
        found = await self.wait_until(
            lambda: next((r for r in self.requests_matching("POST", path) if r.ok), None),
            timeout,
            f"callback to interaction {interaction.id}",
        )
        return found

    async def wait_for_bot_message(
        self,
        channel_id: int | None = None,
        predicate: Callable[[JSON], bool] | None = None,
        timeout: float = 5.0,
        *,
        after_id: int = 0,
    ) -> JSON:
        """Wait for a message authored by the bot (id > after_id) matching ``predicate``."""
        return await self.wait_until(
            lambda: next(
                (
                    m
                    for m in self.bot_messages(channel_id)
                    if int(m["id"]) > after_id and (predicate is None or predicate(m))
                ),
                None,
            ),
            timeout,
            f"bot message in {channel_id}",
        )

    async def wait_for_gateway_op(self, op: int, timeout: float = 5.0, count: int = 1) -> JSON:
        """Wait until the client sent ``count`` gateway payloads with opcode ``op``; return the last."""
        found = await self.wait_until(
            lambda: (m := [p for p in self.gateway_log if p.get("op") == op]) and len(m) >= count and m,
            timeout,
            f"gateway op {op}",
        )
        return found[count - 1]

    def clear_requests(self) -> None:
        """Forget recorded requests (indices restart at 0)."""
        self.requests.clear()

    def fail_next(
        self,
        method: str | None,
        path_regex: str,
        status: int,
        times: int = 1,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        *,
        retry_after: float = 0.1,
        is_global: bool = False,
    ) -> FailureRule:
        """Make the next ``times`` requests matching ``method`` + full-path regex fail with ``status``.

        429 gets a Discord-shaped body (``retry_after`` seconds) plus ``Retry-After``/``X-RateLimit-*``
        and ``Via`` headers so discord.py sleeps and retries. 500/502/503 are retried by discord.py
        after 1 s, 3 s, ...; 403 defaults to 50001 Missing Access, 404 to 10003 Unknown Channel.
        """
        hdrs_out: dict[str, str] = {}
        if status == 429:
            body = json or {
                "message": "You are being rate limited.",
                "retry_after": retry_after,
                "global": is_global,
                "code": 0,
            }
            hdrs_out.update(
                {
                    "Retry-After": str(max(1, round(retry_after))),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
                    "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                    "X-RateLimit-Bucket": "standin-injected",
                    "X-RateLimit-Scope": "global" if is_global else "user",
                }
            )
            if is_global:
                hdrs_out["X-RateLimit-Global"] = "true"
        else:
            code, message = ERROR_MESSAGES.get(status, (0, f"{status}: Error"))
            body = json if json is not None else {"message": message, "code": code}
        hdrs_out.update(headers or {})
        rule = FailureRule(method, re.compile(path_regex), status, times, body, hdrs_out)
        self.failures.append(rule)
        return rule

    # -- REST plumbing -------------------------------------------------------------------------

    async def _parse_request(self, request: web.Request, path: str) -> RecordedRequest:
        rec = RecordedRequest(
            index=len(self.requests),
            method=request.method.upper(),
            path=path,
            query=dict(request.query),
            headers={k: v for k, v in request.headers.items() if k.lower() != "authorization"},
        )
        ctype = request.content_type
        if ctype.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if not isinstance(part, BodyPartReader):
                    continue
                data = await part.read(decode=False)
                name = part.name or ""
                if name == "payload_json":
                    rec.json = json.loads(data.decode())
                elif part.filename is not None:
                    rec.files.append(
                        UploadedFile(name, part.filename, part.headers.get(hdrs.CONTENT_TYPE), bytes(data))
                    )
                else:
                    rec.form[name] = data.decode()
        elif request.can_read_body:
            raw = await request.read()
            if raw and ctype == "application/json":
                rec.json = json.loads(raw)
            elif raw:
                rec.form["_raw"] = raw.decode(errors="replace")
        return rec

    async def _api_handler(self, request: web.Request) -> web.StreamResponse:
        self._inflight += 1
        try:
            rec = await self._parse_request(request, "/" + request.match_info["tail"])
            reply = await self._reply_for(rec, request.headers.get(hdrs.AUTHORIZATION))
            rec.status = reply.status
            rec.response = reply.body
            self.requests.append(rec)
        finally:
            self._inflight -= 1
            self.notify()
        headers = {"Via": "1.1 google", **self._ratelimit_headers(rec.path, reply.status), **reply.headers}
        if reply.body is None:
            return web.Response(status=reply.status, headers=headers)
        # discord.py only parses JSON when Content-Type is exactly "application/json" (no charset).
        headers["Content-Type"] = "application/json"
        return web.Response(body=json.dumps(reply.body).encode(), status=reply.status, headers=headers)

    async def _reply_for(self, rec: RecordedRequest, auth: str | None) -> Reply:
        rule = next((f for f in self.failures if f.matches(rec.method, rec.path)), None)
        if rule is not None:
            rule.remaining -= 1
            rec.injected = True
            return Reply(rule.status, copy.deepcopy(rule.body), dict(rule.headers))
        try:
            return await self.rest.handle(rec, auth)
        except ApiError as exc:
            return Reply(exc.status, exc.body())
        except Exception as exc:
            # A stand-in bug: answer 418 (discord.py raises HTTPException at once, no 5xx retries).
            _log.exception("stand-in failed handling %s %s", rec.method, rec.path)
            self.internal_errors.append(exc)
            return Reply(418, {"message": f"stand-in internal error: {exc!r}", "code": 0})

    @staticmethod
    def _ratelimit_headers(path: str, status: int) -> dict[str, str]:
        if status == 429:
            return {}
        bucket = re.sub(r"\d{15,}", "id", path)
        return {
            "X-RateLimit-Limit": "50",
            "X-RateLimit-Remaining": "49",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
            "X-RateLimit-Reset-After": "1.000",
            "X-RateLimit-Bucket": format(abs(hash(bucket)), "x"),
        }

    async def _file_handler(self, request: web.Request) -> web.StreamResponse:
        stored = self.world.files.get(int(request.match_info["file_id"]))
        if stored is None:
            return web.json_response({"message": "404: Not Found", "code": 0}, status=404)
        return web.Response(body=stored.data, content_type=stored.content_type or "application/octet-stream")

    async def _cdn_handler(self, request: web.Request) -> web.StreamResponse:
        return web.Response(body=_PNG, content_type="image/png")

    # -- gateway -------------------------------------------------------------------------------

    async def _gateway_handler(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0, timeout=2.0)
        await ws.prepare(request)
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"etf encoding is not supported by the stand-in")
            return ws
        if request.query.get("v", "10") not in ("9", "10"):
            await ws.close(code=4012, message=b"Invalid API version")
            return ws
        conn = GatewayConnection(ws, request.query.get("compress"))
        self._connections.add(conn)
        client_close_code = None
        try:
            await conn.send(
                {
                    "op": Op.HELLO,
                    "d": {"heartbeat_interval": self.heartbeat_interval_ms},
                    "s": None,
                    "t": None,
                }
            )
            while True:
                msg = await ws.receive()
                if msg.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    await self._on_gateway_payload(conn, json.loads(msg.data))
                    continue
                if msg.type == WSMsgType.CLOSE:
                    client_close_code = msg.data
                break
        finally:
            self._connections.discard(conn)
            session = conn.session
            if session is not None and session.conn is conn:
                session.conn = None
                # A client closing with 1000/1001 ends its session (like Discord); other codes and
                # server-side drops keep it resumable.
                if client_close_code in (1000, 1001):
                    self.sessions.pop(session.session_id, None)
            self.notify()
        return ws

    async def _on_gateway_payload(self, conn: GatewayConnection, payload: JSON) -> None:
        self.gateway_log.append(payload)
        self.notify()
        op, data = payload.get("op"), payload.get("d")
        if op == Op.HEARTBEAT:
            await conn.send({"op": Op.HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == Op.IDENTIFY:
            await self._identify(conn, data or {})
        elif op == Op.RESUME:
            await self._resume(conn, data or {})
        elif op == Op.REQUEST_GUILD_MEMBERS:
            await self._member_chunk(conn, data or {})

    async def _identify(self, conn: GatewayConnection, data: JSON) -> None:
        if conn.session is not None:
            await conn.ws.close(code=4005, message=b"Already authenticated.")
            return
        if data.get("token") != self.token:
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(data.get("intents", 0))
        if intents & Intent.PRIVILEGED & ~self.allowed_privileged_intents:
            await conn.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = data.get("shard") or (0, 1)
        session = GatewaySession(
            secrets.token_hex(16), self.token, intents, (int(shard_id), int(shard_count))
        )
        session.conn = conn
        conn.session = session
        self.sessions[session.session_id] = session
        guild_ids = [g for g in self.world.guilds if shard_count == 1 or (g >> 22) % shard_count == shard_id]
        ready: JSON = {
            "v": 10,
            "user": {
                **self.world.users[self.bot_id].payload(),
                "verified": True,
                "mfa_enabled": False,
                "email": None,
            },
            "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "user_settings": {},
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["local"],
            "auth": {},
            "_trace": ['["discord-standin",{"micros":0}]'],
        }
        if data.get("shard"):
            ready["shard"] = [int(shard_id), int(shard_count)]
        await session.dispatch("READY", ready)
        include_members = bool(intents & Intent.GUILD_MEMBERS)
        for gid in guild_ids:
            await session.dispatch(
                "GUILD_CREATE", self.world.guild_payload(gid, full=True, include_members=include_members)
            )
        self.notify()

    async def _resume(self, conn: GatewayConnection, data: JSON) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or data.get("token") != session.token:
            await conn.send({"op": Op.INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        if session.conn is not None and session.conn is not conn:
            await session.conn.ws.close(code=4000, message=b"Session resumed elsewhere")
        session.conn = conn
        conn.session = session
        await session.replay(conn, int(data.get("seq") or 0))
        await session.dispatch("RESUMED", {"_trace": ['["discord-standin",{"micros":0}]']})
        self.notify()

    async def _member_chunk(self, conn: GatewayConnection, data: JSON) -> None:
        if conn.session is None:
            return
        gid = int(data.get("guild_id", 0))
        guild = self.world.guilds.get(gid)
        if guild is None:
            return
        query = str(data.get("query") or "").lower()
        user_ids = {int(u) for u in data.get("user_ids") or []}
        limit = int(data.get("limit") or 0) or len(guild.members)
        members = [
            self.world.member_payload(gid, uid)
            for uid in guild.members
            if (not user_ids or uid in user_ids) and self.world.users[uid].username.lower().startswith(query)
        ][:limit]
        chunk: JSON = {
            "guild_id": str(gid),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        await conn.session.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    def _for_session(self, session: GatewaySession, event: str, data: Any) -> Any:
        """Blank message content like Discord does without the MESSAGE_CONTENT intent."""
        if event not in ("MESSAGE_CREATE", "MESSAGE_UPDATE") or session.intents & Intent.MESSAGE_CONTENT:
            return data
        if not isinstance(data, dict) or "guild_id" not in data:
            return data
        if data.get("author", {}).get("id") == str(self.bot_id):
            return data
        if any(m.get("id") == str(self.bot_id) for m in data.get("mentions", [])):
            return data
        blanked = {**data, "content": "", "embeds": [], "attachments": [], "components": []}
        blanked.pop("poll", None)
        return blanked

    @property
    def connected(self) -> bool:
        """Whether at least one identified session currently has a live websocket."""
        return any(s.conn is not None for s in self.sessions.values())

    async def wait_until_connected(self, timeout: float = 5.0) -> None:
        """Wait for a bot to IDENTIFY (or RESUME) on the gateway."""
        await self.wait_until(lambda: self.connected, timeout, "a gateway session")

    async def dispatch(self, event: str, data: Any, *, allow_unconnected: bool = False) -> None:
        """Send a DISPATCH (op 0) ``event`` with payload ``data`` to every interested gateway session."""
        if not self.sessions and not allow_unconnected:
            raise RuntimeError(f"cannot dispatch {event}: no bot has identified on the gateway")
        for session in list(self.sessions.values()):
            if session.wants(event, data):
                await session.dispatch(event, self._for_session(session, event, data))

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT; discord.py closes and RESUMEs on ``resume_gateway_url``."""
        for conn in list(self._connections):
            await conn.send({"op": Op.RECONNECT, "d": None, "s": None, "t": None})

    async def invalidate_sessions(self, *, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION to every connection (forgetting sessions unless resumable)."""
        if not resumable:
            self.sessions.clear()
        for conn in list(self._connections):
            await conn.send({"op": Op.INVALID_SESSION, "d": resumable, "s": None, "t": None})

    async def drop_connections(self, code: int = 4000) -> None:
        """Close every gateway websocket with ``code`` (sessions stay resumable)."""
        for conn in list(self._connections):
            await conn.ws.close(code=code)

    # -- simulated users ----------------------------------------------------------------------

    def _attachment_payloads(self, attachments: Sequence[str | tuple[str, bytes]] | None) -> list[JSON]:
        out: list[JSON] = []
        for item in attachments or []:
            if isinstance(item, tuple):
                url = self.add_attachment(item[0], item[1])
            else:
                url = item
            match = re.search(r"/attachments/\d+/(\d+)/", url)
            if match is None or int(match.group(1)) not in self.world.files:
                raise ValueError(f"not a stand-in attachment url: {url!r} (use add_attachment)")
            out.append(self.world.files[int(match.group(1))].payload(self.http_base))
        return out

    def _check_member(self, guild_id: int | None, channel_id: int, user_id: int) -> None:
        if channel_id not in self.world.channels:
            raise KeyError(f"unknown channel {channel_id}")
        if guild_id is None:
            if self.world.channels[channel_id].guild_id is not None:
                raise ValueError("guild_id None requires a DM channel (see open_dm)")
            return
        if self.world.channels[channel_id].guild_id != guild_id:
            raise ValueError(f"channel {channel_id} is not in guild {guild_id}")
        if user_id not in self.world.guilds[guild_id].members:
            raise KeyError(f"user {user_id} is not a member of guild {guild_id}")

    async def send_message(
        self,
        guild_id: int | None,
        channel_id: int,
        author_id: int,
        content: str = "",
        attachments: Sequence[str | tuple[str, bytes]] | None = None,
        *,
        embeds: list[JSON] | None = None,
        reply_to: int | None = None,
    ) -> JSON:
        """A user posts a message: stores it and dispatches MESSAGE_CREATE; returns the message object.

        ``attachments`` are URLs from :meth:`add_attachment` or ``(filename, bytes)`` tuples.
        """
        await self.settle()
        self._check_member(guild_id, channel_id, author_id)
        message = self.world.build_message(
            channel_id,
            author_id,
            content,
            embeds=embeds,
            attachments=self._attachment_payloads(attachments),
            reply_to=reply_to,
            nonce=str(self.world.ids.next()),
        )
        await self.dispatch("MESSAGE_CREATE", copy.deepcopy(message))
        self.notify()
        return message

    def _new_interaction(
        self,
        itype: int,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        data: JSON,
        message_id: int | None = None,
        locale: str = "en-US",
    ) -> InteractionRecord:
        self._check_member(guild_id, channel_id, user_id)
        iid = self.world.ids.next()
        token = f"aW50ZXJhY3Rpb24{iid}{secrets.token_urlsafe(24)}".replace("-", "x").replace("_", "y")
        channel = self.world.channel_payload(channel_id)
        channel["permissions"] = str(self.world.channel_permissions(channel_id, user_id))
        payload: JSON = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": itype,
            "token": token,
            "version": 1,
            "data": data,
            "channel_id": str(channel_id),
            "channel": channel,
            "app_permissions": str(self.world.channel_permissions(channel_id, self.bot_id)),
            "locale": locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if guild_id is not None:
            member = self.world.member_payload(guild_id, user_id)
            member["permissions"] = str(self.world.channel_permissions(channel_id, user_id))
            payload.update(
                guild_id=str(guild_id),
                guild={"id": str(guild_id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=member,
                authorizing_integration_owners={"0": str(guild_id)},
                context=0,
            )
        else:
            payload.update(
                user=self.world.users[user_id].payload(),
                authorizing_integration_owners={"1": str(user_id)},
                context=1,
            )
        if message_id is not None:
            payload["message"] = copy.deepcopy(self.world.messages[message_id])
        record = InteractionRecord(iid, token, itype, payload, guild_id, channel_id, user_id, message_id)
        self.interactions[iid] = record
        self.interactions_by_token[token] = record
        return record

    def find_command(self, name: str, type: int = 1, guild_id: int | None = None) -> JSON | None:
        """A registered (synced) command by name/type: guild commands first, then global."""
        key = f"{type}:{name}"
        if guild_id is not None and key in self.guild_commands.get(guild_id, {}):
            return self.guild_commands[guild_id][key]
        return self.global_commands.get(key)

    @staticmethod
    def _infer_type(value: Any) -> int:
        if isinstance(value, bool):
            return 5
        if isinstance(value, int):
            return 4
        if isinstance(value, float):
            return 10
        return 3

    def _option(self, name: str, opt_type: int, value: Any, ctx: _OptionContext, focused: bool) -> JSON:
        if isinstance(value, dict) and "value" in value:
            opt_type = int(value.get("type", opt_type))
            value = value["value"]
        option: JSON = {"name": name, "type": opt_type}
        if focused:
            option.update(value=value if isinstance(value, str) else str(value), focused=True)
            return option
        if opt_type in (6, 7, 8, 9, 11):
            option["value"] = ctx.resolve(opt_type, value)
        elif opt_type == 10:
            option["value"] = float(value)
        elif opt_type == 4:
            option["value"] = int(value)
        else:
            option["value"] = value
        return option

    def _command_data(
        self,
        name: str,
        options: Mapping[str, Any] | list[JSON] | None,
        type: int,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        focused: str | None = None,
        check_permissions: bool = True,
    ) -> JSON:
        path = name.split()
        command = self.find_command(path[0], type, guild_id)
        if command is not None and check_permissions and guild_id is not None:
            needed = command.get("default_member_permissions")
            have = self.world.channel_permissions(channel_id, user_id)
            if needed is not None and int(needed) & have != int(needed):
                raise PermissionError(
                    f"user {user_id} cannot see /{path[0]} (default_member_permissions={needed})"
                )
        ctx = _OptionContext(self, guild_id, channel_id, user_id)
        data: JSON = {
            "id": command["id"] if command else str(self._stable_command_id(path[0], type)),
            "name": path[0],
            "type": type,
        }
        if command is not None and command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        schema: list[JSON] = (command or {}).get("options") or []
        container = data
        for depth, part in enumerate(path[1:], start=1):
            spec = next((o for o in schema if o.get("name") == part), None)
            kind = spec["type"] if spec else (2 if depth < len(path) - 1 else 1)
            child: JSON = {"name": part, "type": kind, "options": []}
            container["options"] = [child]
            container = child
            schema = (spec or {}).get("options") or []
        if isinstance(options, list):
            built = copy.deepcopy(options)
        else:
            built = []
            for opt_name, value in (options or {}).items():
                spec = next((o for o in schema if o.get("name") == opt_name), None)
                opt_type = spec["type"] if spec else self._infer_type(value)
                built.append(self._option(opt_name, opt_type, value, ctx, focused == opt_name))
            if focused is not None and focused not in (options or {}):
                spec = next((o for o in schema if o.get("name") == focused), None)
                built.append(
                    {"name": focused, "type": spec["type"] if spec else 3, "value": "", "focused": True}
                )
        if built or container is not data:
            container["options"] = built
        if ctx.resolved:
            data["resolved"] = ctx.resolved
        return data

    def _stable_command_id(self, name: str, type: int) -> int:
        """Id used for commands the bot never synced (stable per name/type)."""
        return self._unsynced_command_ids.setdefault(f"{type}:{name}", self.world.ids.next())

    async def send_slash(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        options: Mapping[str, Any] | list[JSON] | None = None,
        type: int = 1,
        *,
        check_permissions: bool = True,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """A user invokes an application command: dispatches INTERACTION_CREATE type 2.

        ``name`` may contain subcommands (``"config set"``, ``"admin watch add"``). ``options`` is
        ``{name: value}`` (types taken from the synced command, else inferred; user/channel/role/
        attachment values are ids or attachment URLs and get ``resolved`` data) or raw option dicts.
        With ``check_permissions`` a synced ``default_member_permissions`` is enforced like Discord's
        client would (``PermissionError``).
        """
        await self.settle()
        data = self._command_data(name, options, type, guild_id, channel_id, user_id, None, check_permissions)
        record = self._new_interaction(2, guild_id, channel_id, user_id, data, locale=locale)
        await self.dispatch("INTERACTION_CREATE", copy.deepcopy(record.payload))
        return record

    async def send_autocomplete(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        name: str,
        options: Mapping[str, Any] | None = None,
        focused: str | None = None,
        *,
        type: int = 1,
    ) -> InteractionRecord:
        """A user types into an option: dispatches INTERACTION_CREATE type 4 (``focused`` option name;
        defaults to the last option given)."""
        await self.settle()
        focus = focused or (list(options or {})[-1] if options else None)
        if focus is None:
            raise ValueError("send_autocomplete needs a focused option")
        data = self._command_data(name, options, type, guild_id, channel_id, user_id, focus, False)
        record = self._new_interaction(4, guild_id, channel_id, user_id, data)
        await self.dispatch("INTERACTION_CREATE", copy.deepcopy(record.payload))
        return record

    async def send_context_menu(
        self, guild_id: int | None, channel_id: int, user_id: int, name: str, target_id: int
    ) -> InteractionRecord:
        """A user runs a user (target is a user) or message (target is a message) context menu command."""
        await self.settle()
        ctx = _OptionContext(self, guild_id, channel_id, user_id)
        if target_id in self.world.messages:
            ctype = 3
            ctx.resolved.setdefault("messages", {})[str(target_id)] = copy.deepcopy(
                self.world.messages[target_id]
            )
        else:
            ctype = 2
            ctx.resolve(6, target_id)
        command = self.find_command(name, ctype, guild_id)
        data: JSON = {
            "id": command["id"] if command else str(self._stable_command_id(name, ctype)),
            "name": name,
            "type": ctype,
            "target_id": str(target_id),
            "resolved": ctx.resolved,
        }
        record = self._new_interaction(2, guild_id, channel_id, user_id, data)
        await self.dispatch("INTERACTION_CREATE", copy.deepcopy(record.payload))
        return record

    def find_component(
        self, message_id: int, *, custom_id: str | None = None, label: str | None = None
    ) -> JSON:
        """A component of a stored message by custom_id or label (searching nested rows/containers)."""

        def walk(items: list[JSON]) -> list[JSON]:
            out: list[JSON] = []
            for item in items:
                out.append(item)
                out.extend(walk(item.get("components") or []))
                if isinstance(item.get("accessory"), dict):
                    out.append(item["accessory"])
            return out

        components = walk(self.world.messages[message_id].get("components") or [])
        for comp in components:
            if comp.get("custom_id") and (
                comp["custom_id"] == custom_id or (label and comp.get("label") == label)
            ):
                return comp
        available = [(c.get("custom_id"), c.get("label")) for c in components if c.get("custom_id")]
        raise LookupError(f"no component {custom_id or label!r} on message {message_id}; have {available}")

    async def click_button(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        message_id: int,
        custom_id: str | None = None,
        *,
        label: str | None = None,
    ) -> InteractionRecord:
        """A user clicks a button (by custom_id or label) on a stored message: INTERACTION_CREATE type 3."""
        await self.settle()
        comp = self.find_component(message_id, custom_id=custom_id, label=label)
        data = {"custom_id": comp["custom_id"], "component_type": comp.get("type", 2)}
        record = self._new_interaction(3, guild_id, channel_id, user_id, data, message_id)
        await self.dispatch("INTERACTION_CREATE", copy.deepcopy(record.payload))
        return record

    async def choose_select(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        message_id: int,
        custom_id: str,
        values: list[str],
    ) -> InteractionRecord:
        """A user picks ``values`` in a select menu on a stored message."""
        await self.settle()
        comp = self.find_component(message_id, custom_id=custom_id)
        data: JSON = {
            "custom_id": custom_id,
            "component_type": comp.get("type", 3),
            "values": [str(v) for v in values],
        }
        if comp.get("type", 3) in (5, 6, 7, 8):
            ctx = _OptionContext(self, guild_id, channel_id, user_id)
            kind = {5: 6, 6: 8, 7: 9, 8: 7}[comp["type"]]
            data["values"] = [ctx.resolve(kind, v) for v in values]
            data["resolved"] = ctx.resolved
        record = self._new_interaction(3, guild_id, channel_id, user_id, data, message_id)
        await self.dispatch("INTERACTION_CREATE", copy.deepcopy(record.payload))
        return record

    async def submit_modal(
        self,
        guild_id: int | None,
        channel_id: int,
        user_id: int,
        custom_id: str,
        values: Mapping[str, str],
        *,
        message_id: int | None = None,
    ) -> InteractionRecord:
        """A user submits a modal: text inputs ``{custom_id: value}`` (INTERACTION_CREATE type 5)."""
        await self.settle()
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]} for k, v in values.items()
        ]
        data = {"custom_id": custom_id, "components": rows}
        record = self._new_interaction(5, guild_id, channel_id, user_id, data, message_id)
        await self.dispatch("INTERACTION_CREATE", copy.deepcopy(record.payload))
        return record

    # -- control API (for a stand-in running in another process) ------------------------------

    CONTROL_METHODS = frozenset(
        {
            "send_message",
            "send_slash",
            "send_autocomplete",
            "send_context_menu",
            "click_button",
            "choose_select",
            "submit_modal",
            "dispatch",
            "fail_next",
            "add_user",
            "add_guild",
            "add_role",
            "add_channel",
            "add_member",
            "set_overwrite",
            "open_dm",
            "request_reconnect",
            "invalidate_sessions",
            "drop_connections",
            "clear_requests",
        }
    )

    async def _control_handler(self, request: web.Request) -> web.StreamResponse:
        action = request.match_info["action"]
        if action == "requests":
            return web.json_response([r.to_dict() for r in self.requests])
        if action == "messages":
            cid = request.query.get("channel_id")
            msgs = self.messages_in(int(cid)) if cid else list(self.world.messages.values())
            return web.json_response(msgs)
        if action == "info":
            return web.json_response(
                {
                    "api_base": self.api_base,
                    "gateway_url": self.gateway_url,
                    "bot_id": str(self.bot_id),
                    "application_id": str(self.application_id),
                    "connected": self.connected,
                    "world": self.default_world.__dict__ if self.default_world else None,
                }
            )
        if action == "call" and request.method == "POST":
            body = await request.json()
            method = body.get("method")
            if method not in self.CONTROL_METHODS:
                return web.json_response({"error": f"unknown method {method!r}"}, status=400)
            try:
                result = getattr(self, method)(*body.get("args", []), **body.get("kwargs", {}))
                if asyncio.iscoroutine(result):
                    result = await result
            except Exception as exc:  # reported to the remote caller
                return web.json_response({"error": f"{type(exc).__name__}: {exc}"}, status=400)
            if isinstance(result, InteractionRecord):
                result = {"id": str(result.id), "token": result.token, "payload": result.payload}
            elif isinstance(result, FailureRule):
                result = {"status": result.status, "remaining": result.remaining}
            return web.json_response({"result": result})
        return web.json_response({"error": "unknown control action"}, status=404)


class _OptionContext:
    """Collects ``resolved`` data while building interaction options."""

    def __init__(self, standin: DiscordStandin, guild_id: int | None, channel_id: int, user_id: int) -> None:
        self.s = standin
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.user_id = user_id
        self.resolved: JSON = {}

    def resolve(self, opt_type: int, value: Any) -> str:
        """Add resolved data for a user/channel/role/mentionable/attachment value; return the id string."""
        world = self.s.world
        if opt_type == 11:
            if isinstance(value, str) and not value.isdigit():
                attachment = self.s._attachment_payloads([value])[0]
            else:
                attachment = world.files[int(value)].payload(self.s.http_base)
            self.resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            return attachment["id"]
        sid = int(value)
        guild = world.guilds.get(self.guild_id) if self.guild_id else None
        if opt_type in (6, 9) and sid in world.users:
            self.resolved.setdefault("users", {})[str(sid)] = world.users[sid].payload()
            if guild is not None and sid in guild.members:
                member = guild.members[sid].payload()
                member["permissions"] = str(world.channel_permissions(self.channel_id, sid))
                self.resolved.setdefault("members", {})[str(sid)] = member
        elif opt_type in (8, 9) and guild is not None and sid in guild.roles:
            self.resolved.setdefault("roles", {})[str(sid)] = guild.roles[sid].payload()
        elif opt_type == 7 and sid in world.channels:
            channel = world.channel_payload(sid)
            channel["permissions"] = str(world.channel_permissions(sid, self.user_id))
            self.resolved.setdefault("channels", {})[str(sid)] = channel
        return str(sid)
