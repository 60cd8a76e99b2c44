"""`stancewatch console`: the bot's chat commands in a terminal, same words, same content."""

from __future__ import annotations

import sys

from .commands import Caller, CommandLayer, friendly_error, page_text

BANNER = "Stancewatch console \u2014 type chat commands such as `!stance rutte ukraine-membership`; `!help`; Ctrl-D to quit."


def run_console(service, workspace: str, stdin=None, stdout=None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    layer = CommandLayer(service)
    caller = Caller(workspace=workspace, channel_id="console", user="console", can_manage=True)
    interactive = stdin.isatty()
    if interactive:
        print(BANNER, file=stdout)
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        if line.strip() in ("quit", "exit", "!quit", "!exit"):
            break
        try:
            reply = layer.run_line(caller, line)
        except Exception as exc:  # noqa: BLE001 - one line for the user, never a traceback
            message = friendly_error(exc) or f"Something went wrong ({type(exc).__name__}); see the log."
            print(f"error: {message}", file=stdout, flush=True)
            continue
        total = len(reply.pages)
        for n, page in enumerate(reply.pages, 1):
            print(page_text(page), file=stdout)
            if total > 1:
                print(f"\u2014 page {n}/{total} \u2014", file=stdout)
        print(file=stdout, flush=True)
    return 0
