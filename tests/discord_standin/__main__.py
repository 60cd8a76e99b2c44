"""Run a stand-in in its own process: ``python -m tests.discord_standin [--port N] [--token T]``.

Prints one JSON line (api_base, gateway_url, token, default world ids) and serves until killed.
Point the bot process at it with ``point_discord_py_at("http://127.0.0.1:PORT")``. Drive it with
``POST /_standin/call {"method": "send_message", "kwargs": {...}}``; inspect ``GET /_standin/requests``,
``GET /_standin/messages?channel_id=...`` and ``GET /_standin/info``.
"""

from __future__ import annotations

import argparse
import asyncio
import json

from .server import DiscordStandin


async def _serve(args: argparse.Namespace) -> None:
    standin = DiscordStandin(token=args.token, host=args.host, port=args.port)
    world = None if args.empty else standin.populate_default_world()
    await standin.start()
    info = {
        "api_base": standin.api_base,
        "gateway_url": standin.gateway_url,
        "token": standin.token,
        "bot_id": standin.bot_id,
        "world": world.__dict__ if world else None,
    }
    print(json.dumps(info), flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await standin.stop()


def main() -> None:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="standin-bot-token")
    parser.add_argument("--empty", action="store_true", help="do not create the default guild")
    args = parser.parse_args()
    try:
        asyncio.run(_serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
