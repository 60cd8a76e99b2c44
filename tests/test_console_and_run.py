"""The console twin, and `stancewatch run` as a real process pointed at the Discord stand-in."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import sys

from bot.cli import main
from bot.commands import Caller, CommandLayer, page_text
from bot.console import run_console


def test_console_prints_the_same_content_as_the_command_layer(service, seed_input):
    service.ingest(seed_input)
    out = io.StringIO()
    run_console(service, "default", stdin=io.StringIO("!stance rutte ukraine-membership\n!bogus\n!watch rutte\n"),
                stdout=out)
    text = out.getvalue()
    reply = CommandLayer(service).stance(Caller("default", "console", "console", True), "rutte", "ukraine-membership")
    assert page_text(reply.pages[0]) in text
    assert "error: Unknown command 'bogus'" in text
    assert "Watching" in text and service.watches("default")[0].channel_id == "console"


def test_run_without_token_says_what_to_do(monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN" in err and "stancewatch console" in err and len(err.strip().splitlines()) == 1


async def test_stancewatch_run_process_against_the_standin(standin, db_url, tmp_path):
    world = standin.default_world
    env = {**os.environ, "DISCORD_TOKEN": standin.token, "DATABASE_URL": db_url,
           "DISCORD_API_BASE": standin.api_base, "DISCORD_GATEWAY_URL": standin.gateway_url}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path,
                                                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    try:
        await standin.wait_until(lambda: standin.connected, timeout=30, what="the bot process to connect")
        await asyncio.sleep(2.5)  # discord.py's guild_ready_timeout before on_ready
        await standin.send_message(world.guild_id, world.general_channel_id, world.member_id, "!topics")
        req = await standin.wait_for_request("POST", rf"/channels/{world.general_channel_id}/messages", timeout=20)
        assert req.json["embeds"][0]["title"] == "Topics"
        assert "ukraine-membership" in req.json["embeds"][0]["description"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(proc.wait(), timeout=10)
        except TimeoutError:
            proc.kill()


async def test_stancewatch_sync_registers_commands_in_the_configured_guild(standin, db_url, tmp_path):
    world = standin.default_world
    env = {**os.environ, "DISCORD_TOKEN": standin.token, "DATABASE_URL": db_url, "DISCORD_API_BASE": standin.api_base,
           "DISCORD_GATEWAY_URL": standin.gateway_url, "STANCEWATCH_SYNC_GUILD": str(world.guild_id)}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "sync", env=env, cwd=tmp_path,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    assert proc.returncode == 0, err.decode()
    assert "Synced" in out.decode() and str(world.guild_id) in out.decode()
    put = standin.requests_matching("PUT", rf"/applications/\d+/guilds/{world.guild_id}/commands")
    assert put and {"stance", "watch"} <= {c["name"] for c in put[0].json}
    assert not standin.connected  # sync never opened a gateway session
