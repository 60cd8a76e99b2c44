"""Self-tests: a plain discord.py ``commands.Bot`` running unmodified against the Discord stand-in."""

# ruff: noqa: F811  (the ``standin`` fixture is imported by name, as pytest requires)

from __future__ import annotations

import asyncio
import io
import time

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands, tasks
from discord.gateway import DiscordWebSocket
from discord.http import Route

from tests.discord_standin import DiscordStandin, Op, point_discord_py_at, running_bot
from tests.discord_standin.fixtures import standin  # noqa: F401

WORDS = ["stance", "statement", "strategy", "budget", "climate"]


class ConfirmView(discord.ui.View):
    """A button only the invoking user may press."""

    def __init__(self, owner_id: int) -> None:
        super().__init__(timeout=30)
        self.owner_id = owner_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id != self.owner_id:
            await interaction.response.send_message("This button is not for you.", ephemeral=True)
            return False
        return True

    @discord.ui.button(label="Confirm", style=discord.ButtonStyle.green, custom_id="selftest:confirm")
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button[ConfirmView]) -> None:
        self.stop()
        await interaction.response.edit_message(content="Confirmed", view=None)


class NoteModal(discord.ui.Modal, title="Add a note"):
    """A modal with one text input."""

    note = discord.ui.TextInput(label="Note", custom_id="selftest:note")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"noted: {self.note.value}", ephemeral=True)


class TopicPicker(discord.ui.View):
    """A select menu answered with defer + followup + edit of the original message."""

    @discord.ui.select(
        custom_id="selftest:topic",
        options=[
            discord.SelectOption(label="Climate", value="climate"),
            discord.SelectOption(label="Budget", value="budget"),
        ],
    )
    async def topic(self, interaction: discord.Interaction, select: discord.ui.Select[TopicPicker]) -> None:
        await interaction.response.defer()
        await interaction.followup.send(f"tracking {select.values[0]}", ephemeral=True)
        await interaction.edit_original_response(content=f"topic: {select.values[0]}", view=None)
        self.stop()


watch = app_commands.Group(
    name="watch", description="Watch officials", default_permissions=discord.Permissions(manage_guild=True)
)
official = app_commands.Group(name="official", description="Officials", parent=watch)


@official.command(name="add", description="Watch an official")
async def watch_official_add(
    interaction: discord.Interaction,
    who: discord.Member,
    channel: discord.TextChannel,
    source: discord.Attachment | None = None,
) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    size = len(await source.read()) if source else 0
    await interaction.followup.send(f"watching {who.display_name} in #{channel.name} ({size} bytes)")


@app_commands.command(name="note", description="Add a note")
async def note_command(interaction: discord.Interaction) -> None:
    await interaction.response.send_modal(NoteModal())


@app_commands.command(name="topic", description="Pick a topic")
async def topic_command(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("Pick a topic", view=TopicPicker(timeout=30))


class Core(commands.Cog):
    """Prefix, hybrid and autocomplete commands."""

    def __init__(self, bot: SelftestBot) -> None:
        self.bot = bot

    @commands.command()
    async def ping(self, ctx: commands.Context[SelftestBot]) -> None:
        await ctx.send(embed=discord.Embed(title="Pong!", description=f"latency {self.bot.latency:.3f}s"))

    @commands.hybrid_command(description="Echo text back")
    @app_commands.describe(text="What to echo")
    async def echo(self, ctx: commands.Context[SelftestBot], *, text: str) -> None:
        await ctx.send(text)

    @echo.autocomplete("text")
    async def echo_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=w, value=w) for w in WORDS if w.startswith(current.lower())]

    @commands.hybrid_command(description="Ask for confirmation")
    async def confirm(self, ctx: commands.Context[SelftestBot]) -> None:
        await ctx.send("Please confirm", view=ConfirmView(ctx.author.id))

    @commands.command()
    async def size(self, ctx: commands.Context[SelftestBot]) -> None:
        data = await ctx.message.attachments[0].read()
        await ctx.send(
            f"{ctx.message.attachments[0].filename}: {len(data)} bytes, starts {data[:5].decode()}"
        )

    @commands.command()
    async def upload(self, ctx: commands.Context[SelftestBot]) -> None:
        await ctx.send("report attached", file=discord.File(io.BytesIO(b"stance report"), "report.txt"))

    @commands.command()
    async def whoami(self, ctx: commands.Context[SelftestBot]) -> None:
        member = ctx.guild.get_member(ctx.author.id) if ctx.guild else None
        admin = bool(member and member.guild_permissions.administrator)
        await ctx.send(
            f"{ctx.author.name} admin={admin} members={ctx.guild.member_count if ctx.guild else 0}"
        )


class Announcer(commands.Cog):
    """A background task posting to a channel."""

    def __init__(self, bot: SelftestBot) -> None:
        self.bot = bot
        self.channel_id = 0

    @tasks.loop(count=1)
    async def announce(self) -> None:
        channel = self.bot.get_channel(self.channel_id)
        assert isinstance(channel, discord.TextChannel)
        await channel.send("Daily stance digest is ready")

    async def cog_unload(self) -> None:
        self.announce.cancel()


class SelftestBot(commands.Bot):
    """A plain bot: default intents + message_content + members."""

    def __init__(self) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        intents.members = True
        super().__init__(command_prefix="!", intents=intents)
        self.command_errors: list[BaseException] = []

    async def setup_hook(self) -> None:
        await self.add_cog(Core(self))
        await self.add_cog(Announcer(self))
        for command in (watch, note_command, topic_command):
            self.tree.add_command(command)
        await self.tree.sync()

    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None and not message.author.bot:
            await message.channel.send(f"DM received: {message.content}")
        await self.process_commands(message)

    async def on_command_error(
        self, ctx: commands.Context[SelftestBot], error: commands.CommandError
    ) -> None:  # type: ignore[override]
        self.command_errors.append(error)


def _ids(s: DiscordStandin) -> tuple[int, int, int, int, int]:
    w = s.default_world
    assert w is not None
    return w.guild_id, w.general_channel_id, w.alerts_channel_id, w.admin_id, w.member_id


async def test_prefix_ping_replies_with_embed(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    bot = SelftestBot()
    bot._connection.guild_ready_timeout = 0.05
    await bot.login(standin.token)
    connect = asyncio.create_task(bot.connect(reconnect=False))
    await asyncio.wait_for(bot.wait_until_ready(), 5)
    try:
        assert bot.user is not None and bot.user.id == standin.bot_id
        assert [g.id for g in bot.guilds] == [guild]
        assert {c.name for c in bot.guilds[0].text_channels} == {"general", "alerts"}

        await standin.send_message(guild, general, member, "!ping")
        req = await standin.wait_for_request("POST", rf"/channels/{general}/messages")
        assert req.status == 200
        assert req.json["embeds"][0]["title"] == "Pong!"
        assert standin.bot_messages(general)[-1]["embeds"][0]["title"] == "Pong!"
    finally:
        await bot.close()
        await asyncio.wait_for(connect, 5)
    assert connect.exception() is None
    assert bot.command_errors == []


async def test_gateway_frames_and_login_requests(standin: DiscordStandin) -> None:
    async with running_bot(SelftestBot(), standin) as bot:
        identify = await standin.wait_for_gateway_op(Op.IDENTIFY)
        assert identify["d"]["intents"] == bot.intents.value
        paths = [(r.method, r.path) for r in standin.requests]
        assert ("GET", "/users/@me") in paths and ("GET", "/oauth2/applications/@me") in paths
        sync = standin.requests_matching("PUT", rf"/applications/{standin.application_id}/commands")[0]
        assert {c["name"] for c in sync.json} == {"echo", "confirm", "watch", "note", "topic"}
        assert all(c["id"] for c in sync.response)
        # the bot can see members (members intent) and guild permissions are computed from roles
        guild, general, _, admin, _ = _ids(standin)
        await standin.send_message(guild, general, admin, "!whoami")
        reply = await standin.wait_for_bot_message(general, lambda m: "admin=" in m["content"])
        assert reply["content"] == "admin-alice admin=True members=4"


async def test_slash_hybrid_echo(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin) as bot:
        inter = await standin.send_slash(guild, general, member, "echo", {"text": "hold the line"})
        callback = await standin.wait_for_callback(inter)
        assert callback.json == {"type": 4, "data": callback.json["data"]}
        assert callback.json["data"]["content"] == "hold the line"
        assert callback.query.get("with_response") == "1"
        assert callback.response["resource"]["message"]["content"] == "hold the line"
        assert inter.payload["data"]["id"] == standin.find_command("echo")["id"]
        # the same hybrid command via the prefix path
        await standin.send_message(guild, general, member, "!echo via prefix")
        msg = await standin.wait_for_bot_message(general, lambda m: m["content"] == "via prefix")
        assert msg["author"]["id"] == str(standin.bot_id)
        assert bot.command_errors == []


async def test_autocomplete_returns_choices(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        inter = await standin.send_autocomplete(
            guild, general, member, "echo", {"text": "st"}, focused="text"
        )
        assert inter.payload["data"]["options"] == [
            {"name": "text", "type": 3, "value": "st", "focused": True}
        ]
        callback = await standin.wait_for_callback(inter)
        assert callback.json["type"] == 8
        assert [c["value"] for c in callback.json["data"]["choices"]] == ["stance", "statement", "strategy"]


@pytest.mark.parametrize("invocation", ["prefix", "slash"])
async def test_button_only_for_invoker(standin: DiscordStandin, invocation: str) -> None:
    guild, general, _, admin, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        if invocation == "prefix":
            await standin.send_message(guild, general, member, "!confirm")
        else:
            cmd = await standin.send_slash(guild, general, member, "confirm")
            await standin.wait_for_callback(cmd)
        prompt = await standin.wait_for_bot_message(general, lambda m: m["content"] == "Please confirm")
        message_id = int(prompt["id"])

        stranger = await standin.click_button(guild, general, admin, message_id, "selftest:confirm")
        refusal = await standin.wait_for_callback(stranger)
        assert refusal.json["type"] == 4
        assert refusal.json["data"]["flags"] & 64
        assert refusal.json["data"]["content"] == "This button is not for you."
        assert standin.message(message_id)["content"] == "Please confirm"

        owner = await standin.click_button(guild, general, member, message_id, label="Confirm")
        accepted = await standin.wait_for_callback(owner)
        assert accepted.json["type"] == 7
        assert accepted.json["data"]["content"] == "Confirmed"
        assert standin.message(message_id)["content"] == "Confirmed"
        assert standin.message(message_id)["components"] == []


async def test_task_message_survives_one_429(standin: DiscordStandin) -> None:
    guild, _, alerts, _, _ = _ids(standin)
    async with running_bot(SelftestBot(), standin) as bot:
        path = rf"/channels/{alerts}/messages"
        standin.fail_next("POST", path, 429, retry_after=0.1)
        cog = bot.get_cog("Announcer")
        assert isinstance(cog, Announcer)
        cog.channel_id = alerts
        started = time.monotonic()
        cog.announce.start()
        first, second = await standin.wait_for_requests("POST", path, count=2)
        assert time.monotonic() - started >= 0.1
        assert (first.status, first.injected, first.response["retry_after"]) == (429, True, 0.1)
        assert (second.status, second.injected) == (200, False)
        assert first.json == second.json and second.json["content"] == "Daily stance digest is ready"
        assert len(standin.requests_matching("POST", path)) == 2
        assert [m["content"] for m in standin.bot_messages(alerts)] == ["Daily stance digest is ready"]


async def test_injected_errors_surface_as_discord_exceptions(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin) as bot:
        standin.fail_next("POST", rf"/channels/{general}/messages", 403)
        await standin.send_message(guild, general, member, "!ping")
        await standin.wait_until(lambda: bot.command_errors, what="command error")
        original = getattr(bot.command_errors[0], "original", None)
        assert isinstance(original, discord.Forbidden) and original.code == 50001

        with pytest.raises(discord.NotFound) as not_found:
            await bot.http.request(Route("GET", "/stickers/{sticker_id}", sticker_id=42))
        assert standin.requests_matching("GET", "/stickers/42")[0].status == 404
        assert not_found.value.status == 404

        standin.fail_next("GET", r"/channels/\d+", 404)
        with pytest.raises(discord.NotFound) as unknown:
            await bot.fetch_channel(general)
        assert unknown.value.code == 10003


async def test_attachments_both_ways(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        url = standin.add_attachment("article.txt", b"Hello, official statement", "text/plain")
        await standin.send_message(guild, general, member, "!size", attachments=[url])
        reply = await standin.wait_for_bot_message(general, lambda m: "bytes" in m["content"])
        assert reply["content"] == "article.txt: 25 bytes, starts Hello"

        await standin.send_message(guild, general, member, "!upload")
        req = await standin.wait_for_request("POST", rf"/channels/{general}/messages", count=2)
        assert req.json["content"] == "report attached"
        assert [(f.field, f.filename, f.data) for f in req.files] == [
            ("files[0]", "report.txt", b"stance report")
        ]
        attachment = req.response["attachments"][0]
        assert attachment["filename"] == "report.txt" and attachment["size"] == 13


async def test_gateway_reconnect_resumes_session(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        await standin.request_reconnect()
        resume = await standin.wait_for_gateway_op(Op.RESUME)
        assert resume["d"]["session_id"] in standin.sessions
        await standin.wait_until_connected()
        await standin.send_message(guild, general, member, "!ping")
        req = await standin.wait_for_request("POST", rf"/channels/{general}/messages")
        assert req.json["embeds"][0]["title"] == "Pong!"
        assert len([p for p in standin.gateway_log if p["op"] == Op.IDENTIFY]) == 1


async def test_bad_token_is_rejected(standin: DiscordStandin) -> None:
    bot = SelftestBot()
    with pytest.raises(discord.LoginFailure):
        await bot.login("wrong-token")
    await bot.close()


async def test_restores_discord_py_globals_and_leaves_no_tasks() -> None:
    before = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    async with DiscordStandin() as s:
        w = s.populate_default_world()
        restore = point_discord_py_at(s)
        try:
            assert Route.BASE == s.api_base
            async with running_bot(SelftestBot(), s):
                await s.send_message(w.guild_id, w.general_channel_id, w.member_id, "!confirm")
                await s.wait_for_bot_message(w.general_channel_id)
        finally:
            restore()
    assert (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY) == before
    await asyncio.sleep(0)
    leftover = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]
    assert leftover == []


async def test_subcommand_group_with_resolved_options_defer_and_followup(standin: DiscordStandin) -> None:
    guild, general, alerts, admin, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        with pytest.raises(PermissionError):  # default_member_permissions hides it from plain members
            await standin.send_slash(
                guild, general, member, "watch official add", {"who": admin, "channel": alerts}
            )
        url = standin.add_attachment("speech.txt", b"transcript")
        inter = await standin.send_slash(
            guild, general, admin, "watch official add", {"who": member, "channel": alerts, "source": url}
        )
        group = inter.payload["data"]["options"][0]
        assert (group["type"], group["options"][0]["type"]) == (2, 1)
        assert [o["type"] for o in group["options"][0]["options"]] == [6, 7, 11]
        assert set(inter.payload["data"]["resolved"]) == {"users", "members", "channels", "attachments"}
        deferred = await standin.wait_for_callback(inter)
        assert deferred.json == {"type": 5, "data": {"flags": 64}}
        followup = await standin.wait_for_request("POST", rf"/webhooks/{standin.application_id}/[^/]+")
        assert followup.json["content"] == "watching member-bob in #alerts (10 bytes)"
        original = standin.message(inter.original_message_id or 0)
        assert (
            original["content"] == followup.json["content"] and original["flags"] == 64
        )  # loading flag cleared


async def test_modal_and_select_menu_flows(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        inter = await standin.send_slash(guild, general, member, "note")
        modal = await standin.wait_for_callback(inter)
        assert modal.json["type"] == 9 and modal.json["data"]["title"] == "Add a note"
        submit = await standin.submit_modal(
            guild, general, member, modal.json["data"]["custom_id"], {"selftest:note": "flip-flop"}
        )
        answer = await standin.wait_for_callback(submit)
        assert answer.json["data"] == {"tts": False, "content": "noted: flip-flop", "flags": 64}

        inter = await standin.send_slash(guild, general, member, "topic")
        await standin.wait_for_callback(inter)
        picked = await standin.choose_select(
            guild, general, member, inter.original_message_id or 0, "selftest:topic", ["budget"]
        )
        assert (await standin.wait_for_callback(picked)).json == {"type": 6}
        await standin.wait_for_request("PATCH", r"/webhooks/\d+/[^/]+/messages/@original")
        edited = standin.message(inter.original_message_id or 0)
        assert (edited["content"], edited["components"]) == ("topic: budget", [])
        assert any(
            m["content"] == "tracking budget" and m["flags"] == 64 for m in standin.bot_messages(general)
        )


async def test_direct_messages(standin: DiscordStandin) -> None:
    _, _, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin):
        dm = standin.open_dm(member)
        await standin.send_message(None, dm, member, "are you there?")
        reply = await standin.wait_for_bot_message(dm)
        assert reply["content"] == "DM received: are you there?" and "guild_id" not in reply


async def test_control_api_for_out_of_process_use(standin: DiscordStandin) -> None:
    guild, general, _, _, member = _ids(standin)
    async with running_bot(SelftestBot(), standin), aiohttp.ClientSession() as http:
        body = {"method": "send_message", "args": [guild, general, member, "!ping"]}
        async with http.post(f"{standin.http_base}/_standin/call", json=body) as resp:
            assert resp.status == 200 and (await resp.json())["result"]["content"] == "!ping"
        await standin.wait_for_request("POST", rf"/channels/{general}/messages")
        async with http.get(f"{standin.http_base}/_standin/requests") as resp:
            recorded = await resp.json()
        assert recorded[-1]["json"]["embeds"][0]["title"] == "Pong!"
