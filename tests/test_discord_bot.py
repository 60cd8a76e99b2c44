"""The real discord.py client against the local Discord stand-in (tests/discord_standin)."""

from __future__ import annotations

import asyncio

import pytest

from bot.config import Settings
from bot.discord_app.bot import StancewatchBot
from bot.scheduler import run_shift_pass
from bot.service import StanceService
from tests.discord_standin import running_bot

from .test_shifts import REVERSAL


@pytest.fixture
def settings(db_url, monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    return Settings(_env_file=None, DATABASE_URL=db_url, STANCEWATCH_CHECK_INTERVAL=15)


@pytest.fixture
def world(standin):
    return standin.default_world


@pytest.fixture
def seeded(settings, world, seed_input):
    """The seed article ingested into the default guild's workspace."""
    svc = StanceService(settings)
    svc.ingest(seed_input, str(world.guild_id))
    yield svc
    svc.close()


def posts(standin, channel_id):
    return [r for r in standin.requests_matching("POST", rf"/channels/{channel_id}/messages") if r.ok]


async def test_prefix_stance_posts_the_embed(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin) as bot:
        await bot.startup_pass
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id,
                                   "!stance rutte ukraine-membership")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages")
    embed = req.json["embeds"][0]
    assert embed["title"] == "Mark Rutte \u2014 Ukraine's membership of NATO"
    assert "Current stance" in embed["description"]
    text = " ".join(f["name"] + f["value"] for f in embed["fields"])
    assert "2024-12-03" in text and "Ukrinform" in text and "Allies have agreed" in text
    assert req.json["allowed_mentions"] == {"parse": []}


async def test_unknown_official_and_dm_get_short_replies(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin):
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id,
                                   "!stance rute ukraine-membership")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages")
        assert "Did you mean mark-rutte" in req.json["content"]
        assert "Traceback" not in req.json["content"]
        dm = standin.open_dm(world.member_id)
        await standin.send_message(None, dm, world.member_id, "!stance rutte ukraine-membership")
        req = await standin.wait_for_request("POST", rf"/channels/{dm}/messages")
        assert "inside a server" in req.json["content"]


async def test_slash_stance_and_autocomplete(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin):
        inter = await standin.send_slash(world.guild_id, world.general_channel_id, world.member_id, "stance",
                                         {"official": "mark-rutte", "topic": "ukraine-membership"})
        await standin.wait_for_callback(inter)
        followup = await standin.wait_for_request("POST", r"/webhooks/\d+/[^/]+")
        assert followup.json["embeds"][0]["title"].startswith("Mark Rutte")
        auto = await standin.send_autocomplete(world.guild_id, world.general_channel_id, world.member_id, "stance",
                                               {"official": "rut", "topic": ""}, focused="official")
        callback = await standin.wait_for_callback(auto)
    assert callback.json["type"] == 8
    assert {"name": "Mark Rutte (mark-rutte)", "value": "mark-rutte"} in callback.json["data"]["choices"]


async def test_pagination_only_the_invoker_may_turn(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin):
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id, "!timeline rutte")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages")
        assert "page 1/" in req.json["embeds"][0]["footer"]["text"]
        message_id = int(req.response["id"])
        other = await standin.click_button(world.guild_id, world.general_channel_id, world.admin_id, message_id,
                                           "sw:next")
        refused = await standin.wait_for_callback(other)
        assert refused.json["type"] == 4 and refused.json["data"]["flags"] & 64
        mine = await standin.click_button(world.guild_id, world.general_channel_id, world.member_id, message_id,
                                          "sw:next")
        turned = await standin.wait_for_callback(mine)
    assert turned.json["type"] == 7
    assert "page 2/" in turned.json["data"]["embeds"][0]["footer"]["text"]


async def test_non_admin_watch_is_refused_admin_watch_works(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin):
        await standin.send_message(world.guild_id, world.alerts_channel_id, world.member_id, "!watch rutte")
        req = await standin.wait_for_request("POST", rf"/channels/{world.alerts_channel_id}/messages")
        assert "Manage Server" in req.json["content"]
        await standin.send_message(world.guild_id, world.alerts_channel_id, world.admin_id, "!watch rutte")
        req = await standin.wait_for_request("POST", rf"/channels/{world.alerts_channel_id}/messages", count=2)
        assert req.json["embeds"][0]["title"] == "Watching"
    assert [w.official_slug for w in seeded.watches(str(world.guild_id))] == ["mark-rutte"]


async def test_servers_cannot_see_each_other(standin, world, settings, seeded):
    other_guild = standin.add_guild(name="Other server", owner_id=world.owner_id)
    other_channel = standin.add_channel(other_guild, name="general")
    standin.add_member(other_guild, world.member_id)
    async with running_bot(StancewatchBot(settings), standin):
        await standin.send_message(other_guild, other_channel, world.member_id, "!stance rutte ukraine-membership")
        req = await standin.wait_for_request("POST", rf"/channels/{other_channel}/messages")
    assert req.json["embeds"][0]["description"] == "No statements on this topic yet."


async def test_alert_posted_once_across_restart_and_after_429(standin, world, settings, seeded):
    seeded.watch(str(world.alerts_channel_id), "rutte", "ukraine-membership", str(world.guild_id))
    seeded.ingest(REVERSAL, str(world.guild_id))
    standin.fail_next("POST", rf"/channels/{world.alerts_channel_id}/messages", 429)
    async with running_bot(StancewatchBot(settings), standin) as bot:
        await bot.startup_pass  # the pass at start-up finds the reversal and delivers it
        await run_shift_pass()  # a second pass: nothing new, nothing re-sent
    attempts = standin.requests_matching("POST", rf"/channels/{world.alerts_channel_id}/messages")
    assert [r.status for r in attempts] == [429, 200]
    embed = attempts[-1].json["embeds"][0]
    assert "reversed" in embed["title"] and len(embed["fields"]) == 2
    assert seeded.alerts(str(world.guild_id), "delivered")[0]["attempts"] == 1

    async with running_bot(StancewatchBot(settings), standin) as bot:  # restart
        await bot.startup_pass
        await asyncio.sleep(0.05)
    assert len(posts(standin, world.alerts_channel_id)) == 1


async def test_forbidden_channel_is_unsubscribed(standin, world, settings, seeded):
    seeded.watch(str(world.alerts_channel_id), None, None, str(world.guild_id))
    seeded.ingest(REVERSAL, str(world.guild_id))
    standin.fail_next("POST", rf"/channels/{world.alerts_channel_id}/messages", 403)
    async with running_bot(StancewatchBot(settings), standin) as bot:
        await bot.startup_pass
    assert seeded.watches(str(world.guild_id)) == []
    assert {a["status"] for a in seeded.alerts(str(world.guild_id))} == {"dropped"}


async def test_ingest_attachment_and_mentions_are_escaped(standin, world, settings, seeded):
    article = ("Minister warns @everyone\n"
               "Finance Minister Karl Osterberg said on Monday that @everyone must accept **spending cuts** "
               "and that the budget deficit will fall.")
    async with running_bot(StancewatchBot(settings), standin):
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id,
                                   "!ingest date=2025-03-01", attachments=[("story.txt", article.encode())])
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages")
        assert req.json["embeds"][0]["title"] == "Article ingested", req.json
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id, "!timeline osterberg")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages", count=2)
    value = req.json["embeds"][0]["fields"][0]["value"]
    assert "@\u200beveryone" in value and "\\*\\*spending cuts\\*\\*" in value
    assert req.json["allowed_mentions"] == {"parse": []}


async def test_many_alerts_for_one_channel_become_one_digest(standin, world, db_url, seeded):
    settings = Settings(_env_file=None, DATABASE_URL=db_url, STANCEWATCH_DIGEST_THRESHOLD=1)
    ws = str(world.guild_id)
    seeded.watch(str(world.alerts_channel_id), None, None, ws)
    seeded.ingest(REVERSAL, ws)
    seeded.check()
    # a second official's reversal in the same pass window
    seeded.ingest(REVERSAL.__class__(
        title="Powell reverses", outlet="Test Wire", published=REVERSAL.published,
        text="Federal Reserve Chair Jerome Powell said the Fed will cut interest rates soon."), ws)
    seeded.ingest(REVERSAL.__class__(
        title="Powell reverses again", outlet="Test Wire", published=REVERSAL.published.replace(day=20),
        text="Federal Reserve Chair Jerome Powell said the Fed will not cut interest rates and rate cuts are "
             "out of the question this year."), ws)
    seeded.check()
    queued = seeded.alerts(ws, "queued")
    assert len(queued) >= 2
    async with running_bot(StancewatchBot(settings), standin) as bot:
        await bot.startup_pass
    sent = posts(standin, world.alerts_channel_id)
    assert len(sent) == 1
    assert sent[0].json["embeds"][0]["title"].startswith(f"{len(queued)} stance shifts")
    assert seeded.alerts(ws, "queued") == []


async def test_bot_keeps_answering_during_a_slow_ingest(standin, world, settings, seeded, monkeypatch):
    import threading
    import time

    release = threading.Event()
    original = StanceService.ingest

    def slow_ingest(self, *args, **kwargs):
        release.wait(10)  # a bulk ingest holding its worker thread
        return original(self, *args, **kwargs)

    monkeypatch.setattr(StanceService, "ingest", slow_ingest)
    async with running_bot(StancewatchBot(settings), standin):
        channel = world.general_channel_id
        await standin.send_message(world.guild_id, channel, world.member_id,
                                   "!ingest Finance Minister Karl Osterberg said the deficit will fall next year.")
        await asyncio.sleep(0.2)
        started = time.monotonic()
        await standin.send_message(world.guild_id, channel, world.member_id, "!topics")
        first = await standin.wait_for_request("POST", rf"/channels/{channel}/messages")
        assert first.json["embeds"][0]["title"] == "Topics" and time.monotonic() - started < 3
        release.set()
        second = await standin.wait_for_request("POST", rf"/channels/{channel}/messages", count=2)
        assert second.json["embeds"][0]["title"] == "Article ingested"


async def test_slash_commands_sync_only_on_the_owner_command(standin, world, db_url, seeded):
    settings = Settings(_env_file=None, DATABASE_URL=db_url, STANCEWATCH_OWNER_IDS=str(world.owner_id))
    async with running_bot(StancewatchBot(settings), standin):
        await asyncio.sleep(0.1)
        assert standin.requests_matching("PUT", r"/applications/\d+/(guilds/\d+/)?commands") == []
        await standin.send_message(world.guild_id, world.general_channel_id, world.admin_id, "!sync")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages")
        assert "Only the bot's owner" in req.json["content"]
        await standin.send_message(world.guild_id, world.general_channel_id, world.owner_id, "!sync")
        put = await standin.wait_for_request("PUT", rf"/applications/\d+/guilds/{world.guild_id}/commands")
        names = {c["name"] for c in put.json}
        assert {"stance", "timeline", "shifts", "ingest", "topic", "official", "watch", "unwatch", "help"} <= names
        watch = next(c for c in put.json if c["name"] == "watch")
        assert int(watch["default_member_permissions"]) & (1 << 5)  # MANAGE_GUILD


async def test_topic_and_official_configuration(standin, world, settings, seeded):
    channel = world.general_channel_id
    async with running_bot(StancewatchBot(settings), standin):
        for n, line in enumerate(["!topic add carbon-tax carbon tax, carbon levy",
                                  "!official alias rutte The Dutch premier",
                                  "!topic remove peace-talks"], 1):
            await standin.send_message(world.guild_id, channel, world.admin_id, line)
            req = await standin.wait_for_request("POST", rf"/channels/{channel}/messages", count=n)
            assert req.json.get("embeds"), req.json
    ws = str(world.guild_id)
    topics = {slug for slug, _title in seeded.topic_names(ws)}
    assert "carbon-tax" in topics and "peace-talks" not in topics
    assert "The Dutch premier" in next(o for o in seeded.list_officials(ws) if o["slug"] == "mark-rutte")["aliases"]


def test_official_merge_moves_statements(service, seed_input):
    from bot.sources import ArticleInput

    service.ingest(ArticleInput(title="One", published=seed_input.published,
                                text="Central bank Governor Katarzyna Wrobel said interest rates will stay high."))
    service.ingest(ArticleInput(title="Two", published=seed_input.published,
                                text="Central bank Governor Kate Novak said on Monday that interest rates will fall."))
    before = {o["slug"]: o["statements"] for o in service.list_officials()}
    assert before["katarzyna-wrobel"] == 1 and before["kate-novak"] == 1
    service.merge_officials("katarzyna-wrobel", "kate-novak")
    after = {o["slug"]: o["statements"] for o in service.list_officials()}
    assert "kate-novak" not in after and after["katarzyna-wrobel"] == 2
    assert service.stance("kate-novak", "interest-rates").official.slug == "katarzyna-wrobel"
    # an article ingested after the merge is filed under the official kept, not the stale record
    service.ingest(ArticleInput(title="Three", published=seed_input.published,
                                text="Governor Kate Novak said on Tuesday that interest rates will fall again soon."))
    assert {o["slug"]: o["statements"] for o in service.list_officials()}["katarzyna-wrobel"] == 3


async def test_slash_error_is_a_short_ephemeral_reply(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin):
        inter = await standin.send_slash(world.guild_id, world.general_channel_id, world.member_id, "stance",
                                         {"official": "rute", "topic": "ukraine-membership"})
        await standin.wait_for_callback(inter)
        reply = await standin.wait_for_request("POST", r"/webhooks/\d+/[^/]+")
    assert "Did you mean mark-rutte" in reply.json["content"]
    assert reply.json["flags"] & 64 and "Traceback" not in reply.json["content"]


async def test_error_replies_stay_within_discord_limits(standin, world, settings, seeded):
    async with running_bot(StancewatchBot(settings), standin):
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id,
                                   "!stance " + "@everyone" * 150 + " ukraine-membership")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages")
    assert len(req.json["content"]) <= 2000 and "@everyone" not in req.json["content"]
