"""`stancewatch` command line: a thin layer over StanceService. Errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from datetime import date
from pathlib import Path

from .analysis.registry import RegistryError
from .sources import SourceError, iter_files, parse_date, read_file, with_overrides

log = logging.getLogger("stancewatch")

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _date(value: str) -> date:
    try:
        parsed = parse_date(value)
    except SourceError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if parsed is None:
        raise argparse.ArgumentTypeError("use YYYY-MM-DD")
    return parsed


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stancewatch", description="Track officials' commitments, deflections and stance shifts.")
    p.add_argument("--debug", action="store_true", help="show tracebacks for unexpected errors")
    ws = argparse.ArgumentParser(add_help=False)
    ws.add_argument("--workspace", "-w", default="default", help="workspace (a Discord server id, or 'default')")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("ingest", parents=[ws], help="analyse and store articles")
    s.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    s.add_argument("--title")
    s.add_argument("--url")
    s.add_argument("--published", type=_date, metavar="YYYY-MM-DD")
    s.add_argument("--outlet")

    s = sub.add_parser("stance", parents=[ws], help="an official's current stance on a topic, with evidence")
    s.add_argument("official")
    s.add_argument("topic")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("timeline", parents=[ws], help="an official's statements, newest first")
    s.add_argument("official")
    s.add_argument("topic", nargs="?")
    s.add_argument("--json", action="store_true")

    for name, helptext in (("officials", "list known officials"), ("topics", "list topics")):
        s = sub.add_parser(name, parents=[ws], help=helptext)
        s.add_argument("--json", action="store_true")

    s = sub.add_parser("export", parents=[ws], help="export statements as JSONL or CSV")
    s.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    s.add_argument("--official")
    s.add_argument("--topic")

    s = sub.add_parser("check", help="run one shift-comparison pass now (the scheduled job)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("shifts", parents=[ws], help="list recorded stance shifts")
    s.add_argument("--official")
    s.add_argument("--topic")
    s.add_argument("--since", type=_date, metavar="YYYY-MM-DD")
    s.add_argument("--json", action="store_true")

    for name, helptext in (("watch", "subscribe a channel to shift alerts"), ("unwatch", "remove a subscription")):
        s = sub.add_parser(name, parents=[ws], help=helptext)
        s.add_argument("--official")
        s.add_argument("--topic")
        s.add_argument("--channel", default="cli", help="channel id (default: cli)")

    s = sub.add_parser("watches", parents=[ws], help="list subscriptions")
    s.add_argument("--json", action="store_true")
    s = sub.add_parser("alerts", parents=[ws], help="list queued and delivered alerts")
    s.add_argument("--status", choices=("queued", "delivered", "dropped"))
    s.add_argument("--json", action="store_true")

    sub.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    sub.add_parser("console", parents=[ws], help="type the bot's chat commands in a terminal")
    sub.add_parser("sync", help="register slash commands with Discord (needs DISCORD_TOKEN)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from .service import NotFound, UserError

    try:
        return _dispatch(args)
    except (NotFound, UserError, SourceError, RegistryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line for the user
        if args.debug:
            raise
        from pydantic import ValidationError
        from sqlalchemy.exc import ArgumentError, OperationalError

        if isinstance(exc, OperationalError):
            print(f"error: database unavailable or unusable ({exc.orig})", file=sys.stderr)
        elif isinstance(exc, ArgumentError):
            print(f"error: DATABASE_URL is not a database URL ({exc})", file=sys.stderr)
        elif isinstance(exc, ValidationError):
            bad = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
            print(f"error: bad setting in the environment or .env ({bad})", file=sys.stderr)
        else:
            print(f"error: unexpected {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_FAIL


def _service():
    from .service import StanceService

    return StanceService()


def _dispatch(args: argparse.Namespace) -> int:
    cmd = args.command
    if cmd == "run":
        from .discord_app.runner import run_bot

        return run_bot()
    if cmd == "sync":
        from .discord_app.runner import sync_commands

        return sync_commands()
    if cmd == "console":
        from .console import run_console

        return run_console(_service(), args.workspace)
    svc = _service()
    handler = globals()[f"cmd_{cmd}"]
    return handler(svc, args)


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def cmd_ingest(svc, args) -> int:
    from tqdm import tqdm

    files = list(iter_files(args.paths))
    if not files:
        print("error: no .txt, .md, .html, .json or .jsonl files found", file=sys.stderr)
        return EXIT_FAIL
    if args.url and (len(files) > 1 or files[0].suffix.lower() == ".jsonl"):
        print("error: --url names one article; give a single file (or put urls in the files)", file=sys.stderr)
        return EXIT_USAGE
    added = dupes = failed = 0
    bar = tqdm(files, unit="file", disable=len(files) < 5 or not sys.stderr.isatty(), file=sys.stderr)
    for path in bar:
        try:
            articles = read_file(path)
        except SourceError as exc:
            tqdm.write(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        for art in articles:
            art = with_overrides(art, args.title, args.url, args.published, args.outlet)
            try:
                res = svc.ingest(art, args.workspace)
            except SourceError as exc:
                tqdm.write(f"error: {exc}", file=sys.stderr)
                failed += 1
                continue
            if res.status == "duplicate":
                dupes += 1
                tqdm.write(f"skipped  {art.origin}: {res.note} (nothing new stored)")
            else:
                added += 1
                who = ", ".join(res.officials[:4]) + (" \u2026" if len(res.officials) > 4 else "")
                tqdm.write(f"ingested {art.origin}: #{res.article_id} {res.title[:60]!r} \u2014 "
                           f"{res.statements} statements; officials: {who or 'none'}"
                           + (f" ({res.note})" if res.note else ""))
    print(f"{added} ingested, {dupes} duplicates skipped, {failed} failed")
    return EXIT_OK if failed == 0 else EXIT_FAIL


def cmd_stance(svc, args) -> int:
    from .render import stance_text

    r = svc.stance(args.official, args.topic, args.workspace)
    if args.json:
        _print_json({"speaker": {"slug": r.official.slug, "name": r.official.name}, "topic": r.topic.slug,
                     "current": r.current, "position": r.position,
                     "history": [{"published": d.isoformat(), "stance": s, "position": p} for d, s, p in r.history],
                     "latest_shift": r.latest_shift, "statements": r.statements})
    else:
        print(stance_text(r))
    return EXIT_OK


def cmd_timeline(svc, args) -> int:
    from .render import timeline_text

    o, t, items = svc.timeline(args.official, args.topic, args.workspace)
    if args.json:
        _print_json(items)
    else:
        print(timeline_text(o.name, t.slug if t else None, items))
    return EXIT_OK


def cmd_officials(svc, args) -> int:
    rows = svc.list_officials(args.workspace)
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for r in rows:
        titles = f" \u2014 {r['titles'][0]}" if r["titles"] else ""
        print(f"{r['slug']:<28} {r['name']}{titles} ({r['statements']} statements){' [discovered]' if r['discovered'] else ''}")
    return EXIT_OK


def cmd_topics(svc, args) -> int:
    rows = svc.list_topics(args.workspace)
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for r in rows:
        print(f"{r['slug']:<22} {r['title']}")
    return EXIT_OK


EXPORT_COLUMNS = ["id", "published", "outlet", "title", "url", "speaker_slug", "speaker_name", "mention", "text",
                  "direct", "kind", "subtype", "topics", "cues", "start", "end"]


def cmd_export(svc, args) -> int:
    rows = svc.export(args.workspace, args.official, args.topic)
    if args.format == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        return EXIT_OK
    writer = csv.writer(sys.stdout)
    writer.writerow(EXPORT_COLUMNS)
    for r in rows:
        a, s = r["article"], r["speaker"]
        writer.writerow([r["id"], a["published"], a["outlet"], a["title"], a["url"] or "", s["slug"] or "",
                         s["name"] or "", r["mention"], r["text"], r["direct"], r["kind"], r["subtype"],
                         ";".join(f"{t['slug']}:{t['stance']}" for t in r["topics"]), ";".join(r["cues"]),
                         r["start"], r["end"]])
    return EXIT_OK


def cmd_check(svc, args) -> int:
    from .render import shift_text

    found = svc.check()
    if args.json:
        _print_json(found)
    else:
        print("\n".join(shift_text(s) for s in found) if found else "No new shifts.")
    return EXIT_OK


def cmd_shifts(svc, args) -> int:
    from .render import shift_text

    found = svc.shifts(args.workspace, args.official, args.topic, args.since)
    if args.json:
        _print_json(found)
    else:
        print("\n".join(shift_text(s) for s in found) if found else "No shifts recorded.")
    return EXIT_OK


def cmd_watch(svc, args) -> int:
    w, new = svc.watch(args.channel, args.official, args.topic, args.workspace, created_by="cli")
    what = f"{w.official_slug or 'any official'} / {w.topic_slug or 'any topic'}"
    print(f"{'Watching' if new else 'Already watching'} {what} in channel {w.channel_id} (watch #{w.id})")
    return EXIT_OK


def cmd_unwatch(svc, args) -> int:
    n = svc.unwatch(args.channel, args.official, args.topic, args.workspace)
    print(f"Removed {n} watch{'es' if n != 1 else ''}." if n else "No matching watch.")
    return EXIT_OK if n else EXIT_FAIL


def cmd_watches(svc, args) -> int:
    rows = svc.watches(args.workspace)
    if args.json:
        _print_json([{"id": w.id, "channel_id": w.channel_id, "official": w.official_slug or None,
                      "topic": w.topic_slug or None} for w in rows])
        return EXIT_OK
    for w in rows:
        print(f"#{w.id} channel {w.channel_id}: {w.official_slug or 'any official'} / {w.topic_slug or 'any topic'}")
    if not rows:
        print("No watches.")
    return EXIT_OK


def cmd_alerts(svc, args) -> int:
    rows = svc.alerts(args.workspace, args.status)
    if args.json:
        _print_json(rows)
        return EXIT_OK
    for a in rows:
        s = a["shift"]
        print(f"#{a['id']} [{a['status']}] channel {a['channel_id']}: {s['speaker']['name']} {s['type']} on {s['topic']}"
              + (f" (attempts {a['attempts']}, {a['last_error']})" if a["last_error"] else ""))
    if not rows:
        print("No alerts.")
    return EXIT_OK
