"""REST API v10 route handlers of the stand-in."""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .models import JSON, Perm, iso_now
from .records import ApiError, InteractionRecord, RecordedRequest, Reply, UploadedFile

if TYPE_CHECKING:
    from .server import DiscordStandin

Handler = Callable[..., Awaitable[Any]]

ID = r"(?P<{}>\d+)"
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_SUPPRESS_EMBEDS = 1 << 2
FLAG_SUPPRESS_NOTIFICATIONS = 1 << 12
FLAG_COMPONENTS_V2 = 1 << 15
SETTABLE_FLAGS = FLAG_SUPPRESS_EMBEDS | FLAG_SUPPRESS_NOTIFICATIONS | FLAG_COMPONENTS_V2


def _p(template: str) -> str:
    """Expand ``{name}`` placeholders into named snowflake groups."""
    return re.sub(r"\{(\w+)\}", lambda m: ID.format(m.group(1)), template)


def _form_error(field: str, code: str, message: str) -> ApiError:
    return ApiError(
        400, 50035, "Invalid Form Body", {field: {"_errors": [{"code": code, "message": message}]}}
    )


def validate_message(body: JSON, *, has_files: bool, partial: bool = False) -> None:
    """Reject payloads Discord would reject (empty message, over-long content/embeds)."""
    content = body.get("content")
    embeds = body.get("embeds") or ([body["embed"]] if body.get("embed") else [])
    if content is not None and len(str(content)) > 2000:
        raise _form_error("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.")
    if len(embeds) > 10:
        raise _form_error("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    total = 0
    limits = {"title": 256, "description": 4096}
    for i, embed in enumerate(embeds):
        for key, limit in limits.items():
            value = embed.get(key) or ""
            total += len(value)
            if len(value) > limit:
                raise _form_error(
                    f"embeds.{i}.{key}", "BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length."
                )
        fields = embed.get("fields") or []
        if len(fields) > 25:
            raise _form_error(f"embeds.{i}.fields", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
        for j, fld in enumerate(fields):
            if not fld.get("name") or not fld.get("value"):
                raise _form_error(f"embeds.{i}.fields.{j}", "BASE_TYPE_REQUIRED", "This field is required")
            if len(fld["name"]) > 256 or len(fld["value"]) > 1024:
                raise _form_error(f"embeds.{i}.fields.{j}", "BASE_TYPE_MAX_LENGTH", "Field too long.")
            total += len(fld["name"]) + len(fld["value"])
        total += len((embed.get("footer") or {}).get("text") or "") + len(
            (embed.get("author") or {}).get("name") or ""
        )
    if total > 6000:
        raise _form_error("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
    rows = body.get("components") or []
    if len(rows) > 5 and not int(body.get("flags") or 0) & FLAG_COMPONENTS_V2:
        raise _form_error("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
    for row in rows:
        for comp in row.get("components") or []:
            if len(comp.get("custom_id") or "") > 100 or len(comp.get("label") or "") > 80:
                raise _form_error("components", "BASE_TYPE_MAX_LENGTH", "custom_id/label too long.")
    if partial:
        return
    if not (content or embeds or has_files or rows or body.get("sticker_ids") or body.get("poll")):
        raise ApiError(400, 50006, "Cannot send an empty message")


class RestApi:
    """Route table plus handlers; state lives on the owning :class:`DiscordStandin`."""

    def __init__(self, standin: DiscordStandin) -> None:
        self.s = standin
        self.world = standin.world
        # (method, compiled path regex, handler, needs bot auth)
        self.routes: list[tuple[str, re.Pattern[str], Handler, bool]] = []
        app = "/applications/{app_id}"
        table: list[tuple[str, str, Handler, bool]] = [
            ("GET", "/users/@me", self.get_me, True),
            ("GET", "/users/{user_id}", self.get_user, True),
            ("POST", "/users/@me/channels", self.create_dm, True),
            ("GET", "/gateway", self.get_gateway, False),
            ("GET", "/gateway/bot", self.get_gateway_bot, True),
            ("GET", "/oauth2/applications/@me", self.get_application, True),
            ("GET", "/applications/@me", self.get_application, True),
            ("GET", app + "/commands", self.list_commands, True),
            ("PUT", app + "/commands", self.put_commands, True),
            ("POST", app + "/commands", self.upsert_command, True),
            ("GET", app + "/commands/{command_id}", self.get_command, True),
            ("PATCH", app + "/commands/{command_id}", self.edit_command, True),
            ("DELETE", app + "/commands/{command_id}", self.delete_command, True),
            ("GET", app + "/guilds/{guild_id}/commands", self.list_commands, True),
            ("PUT", app + "/guilds/{guild_id}/commands", self.put_commands, True),
            ("POST", app + "/guilds/{guild_id}/commands", self.upsert_command, True),
            ("GET", app + "/guilds/{guild_id}/commands/permissions", self.list_command_permissions, True),
            ("GET", app + "/guilds/{guild_id}/commands/{command_id}", self.get_command, True),
            ("PATCH", app + "/guilds/{guild_id}/commands/{command_id}", self.edit_command, True),
            ("DELETE", app + "/guilds/{guild_id}/commands/{command_id}", self.delete_command, True),
            ("GET", "/channels/{channel_id}", self.get_channel, True),
            ("POST", "/channels/{channel_id}/typing", self.typing, True),
            ("GET", "/channels/{channel_id}/messages", self.list_messages, True),
            ("POST", "/channels/{channel_id}/messages", self.create_message, True),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message, True),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message, True),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message, True),
            (
                "PUT",
                "/channels/{channel_id}/messages/{message_id}/reactions/(?P<emoji>[^/]+)/@me",
                self.react,
                True,
            ),
            (
                "DELETE",
                "/channels/{channel_id}/messages/{message_id}/reactions/(?P<emoji>[^/]+)/@me",
                self.react,
                True,
            ),
            ("GET", "/guilds/{guild_id}", self.get_guild, True),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels, True),
            ("GET", "/guilds/{guild_id}/roles", self.get_guild_roles, True),
            ("GET", "/guilds/{guild_id}/members", self.list_members, True),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member, True),
            (
                "POST",
                "/interactions/{interaction_id}/(?P<token>[^/]+)/callback",
                self.interaction_callback,
                False,
            ),
            ("POST", "/webhooks/{app_id}/(?P<token>[^/]+)", self.execute_webhook, False),
            (
                "GET",
                "/webhooks/{app_id}/(?P<token>[^/]+)/messages/(?P<message_id>@original|\\d+)",
                self.get_webhook_message,
                False,
            ),
            (
                "PATCH",
                "/webhooks/{app_id}/(?P<token>[^/]+)/messages/(?P<message_id>@original|\\d+)",
                self.edit_webhook_message,
                False,
            ),
            (
                "DELETE",
                "/webhooks/{app_id}/(?P<token>[^/]+)/messages/(?P<message_id>@original|\\d+)",
                self.delete_webhook_message,
                False,
            ),
        ]
        for method, template, handler, auth in table:
            self.routes.append((method, re.compile(_p(template)), handler, auth))

    # -- dispatching ---------------------------------------------------------------------------

    async def handle(self, req: RecordedRequest, auth_header: str | None) -> Reply:
        """Find the route for ``req`` and run it."""
        allowed: list[str] = []
        for method, pattern, handler, needs_auth in self.routes:
            match = pattern.fullmatch(req.path)
            if match is None:
                continue
            if method != req.method:
                allowed.append(method)
                continue
            if needs_auth and auth_header != f"Bot {self.s.token}":
                raise ApiError(401, 0, "401: Unauthorized")
            result = await handler(req, **match.groupdict())
            if isinstance(result, Reply):
                return result
            return Reply(204 if result is None else 200, result)
        if allowed:
            raise ApiError(405, 0, "405: Method Not Allowed")
        raise ApiError(404, 0, "404: Not Found")

    # -- helpers -------------------------------------------------------------------------------

    def _channel(self, channel_id: str, need: int = Perm.VIEW_CHANNEL) -> int:
        cid = int(channel_id)
        if cid not in self.world.channels:
            raise ApiError(404, 10003, "Unknown Channel")
        if self.s.enforce_permissions and self.world.channels[cid].guild_id is not None:
            perms = self.world.channel_permissions(cid, self.s.bot_id)
            if not perms & Perm.VIEW_CHANNEL:
                raise ApiError(403, 50001, "Missing Access")
            if perms & need != need:
                raise ApiError(403, 50013, "Missing Permissions")
        return cid

    def _guild(self, guild_id: str) -> int:
        gid = int(guild_id)
        if gid not in self.world.guilds:
            raise ApiError(404, 10004, "Unknown Guild")
        return gid

    def _app(self, app_id: str) -> None:
        if int(app_id) != self.s.application_id:
            raise ApiError(404, 10002, "Unknown Application")

    def _message(self, channel_id: int, message_id: str) -> JSON:
        message = self.world.messages.get(int(message_id))
        if message is None or int(message["channel_id"]) != channel_id:
            raise ApiError(404, 10008, "Unknown Message")
        return message

    def _store_uploads(
        self, channel_id: int, body: JSON, files: list[UploadedFile], keep: list[JSON]
    ) -> list[JSON]:
        """Turn multipart ``files[n]`` parts into attachment objects served by the stand-in."""
        by_index: dict[str, UploadedFile] = {}
        for upload in files:
            m = re.fullmatch(r"files\[(\d+)\]", upload.field) or re.fullmatch(r"file(\d*)", upload.field)
            by_index[(m.group(1) if m else None) or str(len(by_index))] = upload
        existing = {a["id"]: a for a in keep}
        result: list[JSON] = []
        used: set[str] = set()
        for entry in body.get("attachments") or []:
            key = str(entry.get("id"))
            if key in existing:
                result.append(existing[key])
            elif key in by_index:
                used.add(key)
                result.append(
                    self._stored(channel_id, by_index[key], entry.get("filename"), entry.get("description"))
                )
        for key, upload in by_index.items():
            if key not in used:
                result.append(self._stored(channel_id, upload, None, None))
        if "attachments" not in body and not files:
            return keep
        return result

    def _stored(
        self, channel_id: int, upload: UploadedFile, filename: str | None, description: str | None
    ) -> JSON:
        stored = self.s.store_file(
            filename or upload.filename or "file", upload.data, upload.content_type, channel_id
        )
        data = stored.payload(self.s.http_base)
        if description:
            data["description"] = description
        return data

    def _new_message_fields(self, body: JSON) -> JSON:
        embeds = body.get("embeds")
        if embeds is None and body.get("embed"):
            embeds = [body["embed"]]
        return {
            "embeds": [self._normalise_embed(e) for e in embeds or []],
            "components": copy.deepcopy(body.get("components") or []),
            "tts": bool(body.get("tts")),
        }

    @staticmethod
    def _normalise_embed(embed: JSON) -> JSON:
        data = copy.deepcopy(embed)
        data.setdefault("type", "rich")
        data.setdefault("content_scan_version", 0)
        return data

    async def _broadcast_message(self, event: str, message: JSON) -> None:
        if self.s.echo_bot_messages and not int(message.get("flags") or 0) & FLAG_EPHEMERAL:
            await self.s.dispatch(event, copy.deepcopy(message), allow_unconnected=True)

    def _apply_edit(self, message: JSON, body: JSON, files: list[UploadedFile]) -> None:
        validate_message(body, has_files=bool(files), partial=True)
        channel_id = int(message["channel_id"])
        if "content" in body:
            message["content"] = body["content"] or ""
        if "embeds" in body or "embed" in body:
            message["embeds"] = self._new_message_fields(body)["embeds"]
        if "components" in body:
            message["components"] = copy.deepcopy(body["components"] or [])
        if "flags" in body and body["flags"] is not None:
            keep = int(message.get("flags") or 0) & ~SETTABLE_FLAGS
            message["flags"] = keep | (int(body["flags"]) & SETTABLE_FLAGS)
        message["attachments"] = self._store_uploads(
            channel_id, body, files, message.get("attachments") or []
        )
        message["edited_timestamp"] = iso_now()
        self.world.fill_mentions(message, self.world.guild_of_channel(channel_id))

    # -- users / gateway / application ---------------------------------------------------------

    async def get_me(self, req: RecordedRequest) -> JSON:
        data = self.world.users[self.s.bot_id].payload()
        data.update(verified=True, mfa_enabled=False, email=None, locale="en-US", bio="")
        return data

    async def get_user(self, req: RecordedRequest, user_id: str) -> JSON:
        user = self.world.users.get(int(user_id))
        if user is None:
            raise ApiError(404, 10013, "Unknown User")
        return user.payload()

    async def create_dm(self, req: RecordedRequest) -> JSON:
        recipient = int((req.json or {}).get("recipient_id", 0))
        if recipient not in self.world.users:
            raise ApiError(400, 50033, "Invalid Recipients")
        return self.world.channel_payload(self.s.open_dm(recipient))

    async def get_gateway(self, req: RecordedRequest) -> JSON:
        return {"url": self.s.gateway_url}

    async def get_gateway_bot(self, req: RecordedRequest) -> JSON:
        return {
            "url": self.s.gateway_url,
            "shards": 1,
            "session_start_limit": {
                "total": 1000,
                "remaining": 999,
                "reset_after": 14400000,
                "max_concurrency": 1,
            },
        }

    async def get_application(self, req: RecordedRequest) -> JSON:
        owner = self.world.users[self.s.app_owner_id]
        return {
            "id": str(self.s.application_id),
            "name": self.world.users[self.s.bot_id].username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.world.users[self.s.bot_id].payload(),
            "owner": owner.payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "tags": [],
            "install_params": None,
            "interactions_endpoint_url": None,
            "role_connections_verification_url": None,
            "custom_install_url": None,
            "redirect_uris": [],
            "approximate_guild_count": len(self.world.guilds),
        }

    # -- application commands ------------------------------------------------------------------

    def _command_store(self, guild_id: str | None) -> dict[str, JSON]:
        if guild_id is None:
            return self.s.global_commands
        return self.s.guild_commands.setdefault(self._guild(guild_id), {})

    def _register(
        self, store: dict[str, JSON], body: JSON, guild_id: str | None, command_id: str | None = None
    ) -> JSON:
        name = body.get("name")
        if not name:
            raise _form_error("name", "BASE_TYPE_REQUIRED", "This field is required")
        ctype = int(body.get("type") or 1)
        key = f"{ctype}:{name}"
        previous = store.get(key)
        command = copy.deepcopy(body)
        command.update(
            id=command_id or (previous["id"] if previous else str(self.world.ids.next())),
            application_id=str(self.s.application_id),
            version=str(self.world.ids.next()),
            type=ctype,
        )
        command.setdefault("description", "")
        command.setdefault("options", [])
        command.setdefault("default_member_permissions", None)
        command.setdefault("nsfw", False)
        if guild_id is not None:
            command["guild_id"] = guild_id
        else:
            command.setdefault("dm_permission", True)
            command.setdefault("contexts", None)
            command.setdefault("integration_types", [0])
        store[key] = command
        return command

    async def list_commands(
        self, req: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> list[JSON]:
        self._app(app_id)
        return list(self._command_store(guild_id).values())

    async def put_commands(
        self, req: RecordedRequest, app_id: str, guild_id: str | None = None
    ) -> list[JSON]:
        self._app(app_id)
        store = self._command_store(guild_id)
        old = dict(store)
        store.clear()
        for body in req.json or []:
            key = f"{int(body.get('type') or 1)}:{body.get('name')}"
            if key in old:
                store[key] = old[key]  # keep the id stable like Discord does
            self._register(store, body, guild_id)
        return list(store.values())

    async def upsert_command(self, req: RecordedRequest, app_id: str, guild_id: str | None = None) -> Reply:
        self._app(app_id)
        store = self._command_store(guild_id)
        existed = f"{int((req.json or {}).get('type') or 1)}:{(req.json or {}).get('name')}" in store
        return Reply(200 if existed else 201, self._register(store, req.json or {}, guild_id))

    def _find_by_id(self, store: dict[str, JSON], command_id: str) -> tuple[str, JSON]:
        for key, command in store.items():
            if command["id"] == command_id:
                return key, command
        raise ApiError(404, 10063, "Unknown application command")

    async def get_command(
        self, req: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> JSON:
        self._app(app_id)
        return self._find_by_id(self._command_store(guild_id), command_id)[1]

    async def edit_command(
        self, req: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> JSON:
        self._app(app_id)
        store = self._command_store(guild_id)
        key, command = self._find_by_id(store, command_id)
        del store[key]
        return self._register(store, {**command, **(req.json or {})}, guild_id, command_id)

    async def delete_command(
        self, req: RecordedRequest, app_id: str, command_id: str, guild_id: str | None = None
    ) -> None:
        self._app(app_id)
        store = self._command_store(guild_id)
        key, _ = self._find_by_id(store, command_id)
        del store[key]

    async def list_command_permissions(self, req: RecordedRequest, app_id: str, guild_id: str) -> list[JSON]:
        self._app(app_id)
        return []

    # -- channels / messages -------------------------------------------------------------------

    async def get_channel(self, req: RecordedRequest, channel_id: str) -> JSON:
        return self.world.channel_payload(self._channel(channel_id))

    async def typing(self, req: RecordedRequest, channel_id: str) -> None:
        self._channel(channel_id, Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)

    async def list_messages(self, req: RecordedRequest, channel_id: str) -> list[JSON]:
        cid = self._channel(channel_id, Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        limit = max(1, min(100, int(req.query.get("limit", 50))))
        before = int(req.query.get("before", 0)) or None
        after = int(req.query.get("after", 0)) or None
        found = [
            m
            for mid, m in self.world.messages.items()
            if int(m["channel_id"]) == cid
            and not int(m.get("flags") or 0) & FLAG_EPHEMERAL
            and (before is None or mid < before)
            and (after is None or mid > after)
        ]
        found.sort(key=lambda m: int(m["id"]), reverse=after is None)
        return found[:limit] if after is None else list(reversed(found[:limit]))

    async def create_message(self, req: RecordedRequest, channel_id: str) -> JSON:
        body = req.json or {}
        need = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES | (Perm.ATTACH_FILES if req.files else 0)
        cid = self._channel(channel_id, need)
        validate_message(body, has_files=bool(req.files))
        reference = body.get("message_reference") or {}
        reply_to = int(reference["message_id"]) if reference.get("message_id") else None
        if (
            reply_to is not None
            and reply_to not in self.world.messages
            and reference.get("fail_if_not_exists", True)
        ):
            raise _form_error("message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message")
        fields = self._new_message_fields(body)
        message = self.world.build_message(
            cid,
            self.s.bot_id,
            str(body.get("content") or ""),
            embeds=fields["embeds"],
            components=fields["components"],
            attachments=self._store_uploads(cid, body, req.files, []),
            flags=int(body.get("flags") or 0) & SETTABLE_FLAGS,
            reply_to=reply_to,
            tts=fields["tts"],
            nonce=body.get("nonce"),
        )
        await self._broadcast_message("MESSAGE_CREATE", message)
        return message

    async def get_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> JSON:
        cid = self._channel(channel_id, Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        return self._message(cid, message_id)

    async def edit_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> JSON:
        cid = self._channel(channel_id)
        message = self._message(cid, message_id)
        if int(message["author"]["id"]) != self.s.bot_id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        self._apply_edit(message, req.json or {}, req.files)
        await self._broadcast_message("MESSAGE_UPDATE", message)
        return message

    async def delete_message(self, req: RecordedRequest, channel_id: str, message_id: str) -> None:
        cid = self._channel(channel_id)
        message = self._message(cid, message_id)
        if int(message["author"]["id"]) != self.s.bot_id:
            self._channel(channel_id, Perm.VIEW_CHANNEL | Perm.MANAGE_MESSAGES)
        await self._delete(message)

    async def _delete(self, message: JSON) -> None:
        del self.world.messages[int(message["id"])]
        if self.s.echo_bot_messages and not int(message.get("flags") or 0) & FLAG_EPHEMERAL:
            data = {"id": message["id"], "channel_id": message["channel_id"]}
            if "guild_id" in message:
                data["guild_id"] = message["guild_id"]
            await self.s.dispatch("MESSAGE_DELETE", data, allow_unconnected=True)

    async def react(self, req: RecordedRequest, channel_id: str, message_id: str, emoji: str) -> None:
        cid = self._channel(channel_id, Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY | Perm.ADD_REACTIONS)
        self._message(cid, message_id)

    # -- guilds --------------------------------------------------------------------------------

    async def get_guild(self, req: RecordedRequest, guild_id: str) -> JSON:
        gid = self._guild(guild_id)
        data = self.world.guild_payload(gid, full=False)
        if req.query.get("with_counts") in ("true", "1", "True"):
            count = len(self.world.guilds[gid].members)
            data.update(approximate_member_count=count, approximate_presence_count=count)
        return data

    async def get_guild_channels(self, req: RecordedRequest, guild_id: str) -> list[JSON]:
        gid = self._guild(guild_id)
        return [self.world.channel_payload(c) for c in self.world.guilds[gid].channel_ids]

    async def get_guild_roles(self, req: RecordedRequest, guild_id: str) -> list[JSON]:
        gid = self._guild(guild_id)
        return [r.payload() for r in self.world.guilds[gid].roles.values()]

    async def list_members(self, req: RecordedRequest, guild_id: str) -> list[JSON]:
        gid = self._guild(guild_id)
        limit = max(1, min(1000, int(req.query.get("limit", 1))))
        after = int(req.query.get("after", 0))
        ids = sorted(u for u in self.world.guilds[gid].members if u > after)[:limit]
        return [self.world.member_payload(gid, u) for u in ids]

    async def get_member(self, req: RecordedRequest, guild_id: str, user_id: str) -> JSON:
        gid = self._guild(guild_id)
        if int(user_id) not in self.world.guilds[gid].members:
            raise ApiError(404, 10007, "Unknown Member")
        return self.world.member_payload(gid, int(user_id))

    # -- interactions / webhooks ---------------------------------------------------------------

    def _interaction_message(
        self, inter: InteractionRecord, data: JSON, files: list[UploadedFile], flags: int
    ) -> JSON:
        fields = self._new_message_fields(data)
        msg_type = {2: 20, 4: 20}.get(inter.type, 0)
        if inter.payload.get("data", {}).get("type") in (2, 3):
            msg_type = 23
        message = self.world.build_message(
            inter.channel_id,
            self.s.bot_id,
            str(data.get("content") or ""),
            embeds=fields["embeds"],
            components=fields["components"],
            attachments=self._store_uploads(inter.channel_id, data, files, []),
            flags=flags,
            msg_type=msg_type,
            webhook_id=self.s.application_id,
            application_id=self.s.application_id,
            tts=fields["tts"],
        )
        user = self.world.users[inter.user_id].payload()
        message["interaction_metadata"] = {
            "id": str(inter.id),
            "type": inter.type,
            "user": user,
            "authorizing_integration_owners": inter.payload.get("authorizing_integration_owners", {}),
        }
        if inter.type == 2:
            message["interaction"] = {
                "id": str(inter.id),
                "type": 2,
                "name": inter.payload["data"]["name"],
                "user": user,
            }
        return message

    async def interaction_callback(
        self, req: RecordedRequest, interaction_id: str, token: str
    ) -> Reply | JSON | None:
        inter = self.s.interactions.get(int(interaction_id))
        if inter is None or inter.token != token:
            raise ApiError(404, 10062, "Unknown interaction")
        if inter.response_type is not None:
            raise ApiError(400, 40060, "Interaction has already been acknowledged.")
        body = req.json or {}
        rtype = int(body.get("type", 0))
        data: JSON = body.get("data") or {}
        valid = {1: {1}, 2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}, 5: {4, 5, 6, 7}}.get(inter.type, set())
        if rtype not in valid:
            raise _form_error("type", "INTERACTION_RESPONSE_TYPE_INVALID", f"Invalid response type {rtype}")
        message: JSON | None = None
        if rtype == 4:
            validate_message(data, has_files=bool(req.files))
            flags = int(data.get("flags") or 0) & (SETTABLE_FLAGS | FLAG_EPHEMERAL)
            message = self._interaction_message(inter, data, req.files, flags)
            inter.original_message_id = int(message["id"])
            await self._broadcast_message("MESSAGE_CREATE", message)
        elif rtype == 5:
            flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
            message = self._interaction_message(inter, {}, [], flags)
            inter.original_message_id = int(message["id"])
            await self._broadcast_message("MESSAGE_CREATE", message)
        elif rtype in (6, 7):
            if inter.message_id is None or inter.message_id not in self.world.messages:
                raise ApiError(404, 10008, "Unknown Message")
            inter.original_message_id = inter.message_id
            if rtype == 7:
                message = self.world.messages[inter.message_id]
                self._apply_edit(message, data, req.files)
                await self._broadcast_message("MESSAGE_UPDATE", message)
        inter.response_type = rtype
        inter.response_data = data
        self.s.notify()
        callback: JSON = {"id": str(inter.id), "type": inter.type}
        if message is not None:
            callback.update(
                response_message_id=message["id"],
                response_message_loading=bool(int(message.get("flags") or 0) & FLAG_LOADING),
                response_message_ephemeral=bool(int(message.get("flags") or 0) & FLAG_EPHEMERAL),
            )
        result: JSON = {"interaction": callback}
        if message is not None:
            result["resource"] = {"type": rtype, "message": copy.deepcopy(message)}
        if req.query.get("with_response") in ("1", "true", "True"):
            return result
        return None

    def _webhook_interaction(self, app_id: str, token: str) -> InteractionRecord:
        inter = self.s.interactions_by_token.get(token)
        if int(app_id) != self.s.application_id or inter is None or inter.response_type is None:
            raise ApiError(404, 10015, "Unknown Webhook")
        return inter

    def _webhook_message(self, inter: InteractionRecord, message_id: str) -> JSON:
        mid = inter.original_message_id if message_id == "@original" else int(message_id)
        if mid is None or mid not in self.world.messages:
            raise ApiError(404, 10008, "Unknown Message")
        if message_id != "@original" and mid not in inter.followup_ids and mid != inter.original_message_id:
            raise ApiError(404, 10008, "Unknown Message")
        return self.world.messages[mid]

    async def execute_webhook(self, req: RecordedRequest, app_id: str, token: str) -> JSON | None:
        inter = self._webhook_interaction(app_id, token)
        body = req.json or {}
        validate_message(body, has_files=bool(req.files))
        original = self.world.messages.get(inter.original_message_id or 0)
        if original is not None and int(original.get("flags") or 0) & FLAG_LOADING and not inter.followup_ids:
            # The first followup after a deferred response replaces the "thinking..." message.
            self._apply_edit(original, body, req.files)
            original["flags"] = int(original["flags"]) & ~FLAG_LOADING
            message = original
            await self._broadcast_message("MESSAGE_UPDATE", message)
        else:
            flags = int(body.get("flags") or 0) & (SETTABLE_FLAGS | FLAG_EPHEMERAL)
            message = self._interaction_message(inter, body, req.files, flags)
            await self._broadcast_message("MESSAGE_CREATE", message)
        inter.followup_ids.append(int(message["id"]))
        self.s.notify()
        return message if req.query.get("wait") in ("1", "true", "True") else None

    async def get_webhook_message(
        self, req: RecordedRequest, app_id: str, token: str, message_id: str
    ) -> JSON:
        return self._webhook_message(self._webhook_interaction(app_id, token), message_id)

    async def edit_webhook_message(
        self, req: RecordedRequest, app_id: str, token: str, message_id: str
    ) -> JSON:
        message = self._webhook_message(self._webhook_interaction(app_id, token), message_id)
        self._apply_edit(message, req.json or {}, req.files)
        message["flags"] = int(message.get("flags") or 0) & ~FLAG_LOADING
        await self._broadcast_message("MESSAGE_UPDATE", message)
        return message

    async def delete_webhook_message(
        self, req: RecordedRequest, app_id: str, token: str, message_id: str
    ) -> None:
        message = self._webhook_message(self._webhook_interaction(app_id, token), message_id)
        await self._delete(message)
