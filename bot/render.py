"""Plain-text rendering of service results, shared by the CLI and the console."""

from __future__ import annotations

import textwrap

from .service import StanceReport

KIND_ORDER = ("commitment", "deflection", "position")
KIND_HEADINGS = {"commitment": "Commitments", "deflection": "Deflections", "position": "Other positions"}


def evidence_line(s: dict, width: int = 100) -> str:
    art = s["article"]
    head = f"{art['published']}  {art['outlet'] or 'unknown outlet'}  [{s['kind']}/{s['subtype']}]"
    topics = ", ".join(f"{t['slug']}: {t['stance']}" for t in s["topics"])
    quote = textwrap.fill(f"\u201c{s['text']}\u201d", width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [f"  {head}" + (f"  ({topics})" if topics else ""), quote]
    if s["cues"]:
        lines.append(f"    cues: {', '.join(s['cues'][:5])}")
    if art["url"]:
        lines.append(f"    {art['url']}")
    return "\n".join(lines)


def stance_text(r: StanceReport) -> str:
    lines = [f"{r.official.name} on {r.topic.title} ({r.topic.slug})"]
    if r.current is None:
        lines.append("No statements on this topic yet.")
    else:
        last = r.history[-1]
        lines.append(f"Current stance: {r.current} (position {r.position:+.2f}, as of {last[0].isoformat()})")
        trail = " \u2192 ".join(f"{d.isoformat()} {s}" for d, s, _p in r.history[-8:])
        lines.append(f"How it has been: {trail}")
    if r.latest_shift:
        s = r.latest_shift
        lines.append(f"Latest shift: {s['type']} (confidence {s['confidence']:.2f}) \u2014 {s['explanation']}")
    for kind in KIND_ORDER:
        items = [s for s in r.statements if s["kind"] == kind]
        if items:
            lines.append(f"\n{KIND_HEADINGS[kind]} (newest first):")
            lines += [evidence_line(s) for s in items]
    return "\n".join(lines)


def timeline_text(name: str, topic: str | None, statements: list[dict]) -> str:
    head = f"{name}: timeline" + (f" on {topic}" if topic else "") + f" ({len(statements)} statements, newest first)"
    return "\n".join([head, *(evidence_line(s) for s in statements)]) if statements else head + "\nNothing yet."


def shift_text(s: dict) -> str:
    return (f"#{s['id']} {s['speaker']['name']} \u2014 {s['topic']}: {s['type'].upper()} "
            f"(confidence {s['confidence']:.2f})\n    {s['explanation']}\n"
            f"    from {s['from']['article']['published']} {s['from']['article']['url'] or ''}\n"
            f"    to   {s['to']['article']['published']} {s['to']['article']['url'] or ''}")
