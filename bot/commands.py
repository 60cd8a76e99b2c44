"""One command layer for chat transports (Discord and the console).

Each command calls the service and returns a transport-neutral `Reply`; the Discord cogs turn it
into embeds and button pages, the console into text. Parsing of typed console lines lives here too,
so both transports accept the same words."""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field

from .service import NotFound, StanceService, UserError
from .sources import ArticleInput, SourceError, decode, from_html, from_mapping, from_text, parse_date

COLOURS = {  # by kind or shift type
    "commitment": 0x2E7D32, "deflection": 0xF9A825, "position": 0x546E7A,
    "softened": 0xF57C00, "strengthened": 0x1565C0, "reversed": 0xC62828,
    "info": 0x455A64, "error": 0xB71C1C,
}
PAGE_SIZE = 5
QUOTE_LIMIT = 700


@dataclass
class Field:
    name: str
    value: str


@dataclass
class Page:
    title: str
    description: str = ""
    fields: list[Field] = field(default_factory=list)
    colour: str = "info"
    url: str | None = None
    footer: str = ""


@dataclass
class Reply:
    """What a command answers: one or more pages (more than one means paginate)."""

    pages: list[Page]
    ephemeral: bool = False

    @property
    def first(self) -> Page:
        return self.pages[0]


class NeedsPermission(UserError):
    """The command changes server configuration and the caller lacks Manage Server."""


@dataclass
class Caller:
    workspace: str
    channel_id: str
    user: str
    can_manage: bool


def _quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def evidence_field(s: dict, esc=lambda t: t) -> Field:
    art = s["article"]
    topics = ", ".join(f"{t['slug']}: {t['stance']}" for t in s["topics"])
    name = f"{art['published']} \u00b7 {esc(art['outlet'] or 'unknown outlet')} \u00b7 {s['kind']}/{s['subtype']}"
    value = f"\u201c{esc(_quote(s['text']))}\u201d"
    if topics:
        value += f"\n*{topics}*"
    if s["cues"]:
        value += f"\ncues: {esc(', '.join(s['cues'][:4]))}"
    if art["url"]:
        value += f"\n{art['url']}"
    return Field(name, value)


def _chunks(items: list, size: int = PAGE_SIZE) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


class CommandLayer:
    """`escape` makes article-derived text safe for the transport (Discord escapes Markdown and
    mentions; the console shows text as is)."""

    def __init__(self, service: StanceService, escape=None):
        self.service = service
        self.escape = escape or (lambda text: text)

    # -- queries ---------------------------------------------------------------------------------
    def stance(self, caller: Caller, official: str, topic: str) -> Reply:
        r = self.service.stance(official, topic, caller.workspace)
        title = f"{r.official.name} \u2014 {r.topic.title}"
        if r.current is None:
            return Reply([Page(title, "No statements on this topic yet.")])
        trail = " \u2192 ".join(f"{d.isoformat()} **{s}**" for d, s, _p in r.history[-6:])
        head = f"**Current stance: {r.current}** (position {r.position:+.2f})\nHow it has been: {trail}"
        if r.latest_shift:
            head += f"\n\n**Latest shift: {r.latest_shift['type']}** \u2014 {self.escape(r.latest_shift['explanation'])}"
        ordered = ([s for s in r.statements if s["kind"] == "commitment"]
                   + [s for s in r.statements if s["kind"] == "deflection"]
                   + [s for s in r.statements if s["kind"] == "position"])
        colour = ordered[0]["kind"] if ordered else "info"
        pages = []
        for n, chunk in enumerate(_chunks(ordered)):
            pages.append(Page(title, head if n == 0 else f"Evidence, page {n + 1}",
                              [evidence_field(s, self.escape) for s in chunk], colour,
                              footer="commitments first, then deflections, then other positions \u00b7 newest first"))
        return Reply(pages)

    def timeline(self, caller: Caller, official: str, topic: str | None = None) -> Reply:
        o, t, items = self.service.timeline(official, topic, caller.workspace, limit=200)
        title = f"{o.name} \u2014 timeline" + (f" on {t.title}" if t else "")
        if not items:
            return Reply([Page(title, "No statements yet.")])
        return Reply([Page(title, f"{len(items)} statements, newest first", [evidence_field(s, self.escape) for s in chunk],
                           chunk[0]["kind"]) for chunk in _chunks(items)])

    def shifts(self, caller: Caller, official: str | None = None, topic: str | None = None) -> Reply:
        found = self.service.shifts(caller.workspace, official, topic, limit=50)
        if not found:
            return Reply([Page("Stance shifts", "No shifts recorded.")])
        return Reply([Page("Stance shifts", f"{len(found)} shift(s), newest first",
                           [Field(f"{s['speaker']['name']} \u00b7 {s['topic']} \u00b7 {s['type']} "
                                  f"({s['confidence']:.2f})", self.escape(_quote(s["explanation"], 900))) for s in chunk],
                           chunk[0]["type"]) for chunk in _chunks(found)])

    def officials(self, caller: Caller) -> Reply:
        rows = self.service.list_officials(caller.workspace)
        lines = [f"`{r['slug']}` {r['name']}" + (f" \u2014 {r['titles'][0]}" if r["titles"] else "")
                 + f" ({r['statements']})" for r in rows]
        return Reply([Page("Officials", "\n".join(chunk)) for chunk in _chunks(lines, 20)])

    def topics(self, caller: Caller) -> Reply:
        rows = self.service.list_topics(caller.workspace)
        lines = [f"`{r['slug']}` {r['title']}" for r in rows]
        return Reply([Page("Topics", "\n".join(chunk)) for chunk in _chunks(lines, 20)])

    # -- ingest ----------------------------------------------------------------------------------
    def ingest(self, caller: Caller, text: str | None = None, filename: str | None = None,
               data: bytes | None = None, title: str | None = None, url: str | None = None,
               published: str | None = None) -> Reply:
        if data is not None:
            article = self._from_upload(filename or "upload.txt", data)
        elif text and text.strip():
            article = from_text(text, "pasted text")
        else:
            raise UserError("Paste the article text after the command, or attach a .txt, .html or .json file.")
        when = parse_date(published, "") if published else None
        article = ArticleInput(article.text, title or article.title, url or article.url, when or article.published,
                               article.outlet, article.origin)
        res = self.service.ingest(article, caller.workspace)
        if res.status == "duplicate":
            return Reply([Page("Already ingested", f"Nothing new stored: {res.note}.")])
        who = ", ".join(res.officials[:10]) or "none recognised"
        return Reply([Page("Article ingested", f"**{self.escape(_quote(res.title, 200))}**\n{res.statements} statements; "
                                               f"officials: {self.escape(who)}",
                           colour="commitment")])

    @staticmethod
    def _from_upload(filename: str, data: bytes) -> ArticleInput:
        if len(data) > 5 * 1024 * 1024:
            raise SourceError(f"{filename}: over 5 MB; articles that large are refused")
        text = decode(data, filename)
        lower = filename.lower()
        if lower.endswith((".html", ".htm")):
            return from_html(text, filename)
        if lower.endswith(".json"):
            import json

            try:
                return from_mapping(json.loads(text), f"{filename}: ")
            except json.JSONDecodeError:
                raise SourceError(f"{filename}: not valid JSON") from None
        if lower.endswith((".txt", ".md")):
            return from_text(text, filename)
        raise SourceError(f"{filename}: attach a .txt, .md, .html or .json file")

    # -- configuration (Manage Server) -----------------------------------------------------------
    def _require_manage(self, caller: Caller) -> None:
        if not caller.can_manage:
            raise NeedsPermission("You need the Manage Server permission for that.")

    def topic_add(self, caller: Caller, slug: str, keywords: list[str]) -> Reply:
        self._require_manage(caller)
        t = self.service.add_topic(slug, keywords, caller.workspace)
        return Reply([Page("Topic saved", f"`{t.slug}` \u2014 keywords: {', '.join(t.keywords)}")])

    def topic_remove(self, caller: Caller, slug: str) -> Reply:
        self._require_manage(caller)
        t = self.service.remove_topic(slug, caller.workspace)
        return Reply([Page("Topic removed", f"`{t.slug}` will no longer be tracked in new articles.")])

    def official_alias(self, caller: Caller, official: str, alias: str) -> Reply:
        self._require_manage(caller)
        o = self.service.add_alias(official, alias, caller.workspace)
        return Reply([Page("Alias added", f"{o.name} is now also recognised as \u201c{alias}\u201d.")])

    def official_merge(self, caller: Caller, keep: str, merge: str) -> Reply:
        self._require_manage(caller)
        o = self.service.merge_officials(keep, merge, caller.workspace)
        return Reply([Page("Officials merged", f"Everything now belongs to {o.name} (`{o.slug}`).")])

    def watch(self, caller: Caller, official: str | None = None, topic: str | None = None) -> Reply:
        self._require_manage(caller)
        w, new = self.service.watch(caller.channel_id, official, topic, caller.workspace, caller.user)
        what = f"{w.official_slug or 'any official'} / {w.topic_slug or 'any topic'}"
        return Reply([Page("Watching" if new else "Already watching", f"Shift alerts for {what} will be posted here.")])

    def unwatch(self, caller: Caller, official: str | None = None, topic: str | None = None) -> Reply:
        self._require_manage(caller)
        n = self.service.unwatch(caller.channel_id, official, topic, caller.workspace)
        return Reply([Page("Unwatched" if n else "Nothing to remove",
                           f"Removed {n} watch(es) from this channel." if n else "No matching watch in this channel.")])

    def watches(self, caller: Caller) -> Reply:
        rows = self.service.watches(caller.workspace)
        lines = [f"#{w.id} <#{w.channel_id}>: {w.official_slug or 'any official'} / {w.topic_slug or 'any topic'}"
                 for w in rows]
        return Reply([Page("Watches", "\n".join(lines) or "No watches in this server.")])

    def help(self, caller: Caller, prefix: str = "!") -> Reply:
        p = prefix
        lines = [
            f"`{p}stance <official> <topic>` current stance with dated, sourced evidence",
            f"`{p}timeline <official> [topic]` every statement, newest first",
            f"`{p}shifts [official] [topic]` recorded stance shifts",
            f"`{p}ingest [text]` analyse pasted text or an attached .txt/.html/.json (title=, url=, date=)",
            f"`{p}officials` / `{p}topics` what is tracked",
            f"`{p}topic add <slug> <keywords\u2026>` / `{p}topic remove <slug>` *(Manage Server)*",
            f"`{p}official alias <official> <alias>` / `{p}official merge <keep> <merge>` *(Manage Server)*",
            f"`{p}watch [official] [topic]` / `{p}unwatch [official] [topic]` / `{p}watches` *(Manage Server)*",
        ]
        return Reply([Page("Stancewatch commands", "\n".join(lines))])

    # -- alerts ----------------------------------------------------------------------------------
    def alert(self, shift: dict) -> Page:
        frm, to = shift["from"], shift["to"]
        esc = self.escape

        def side(label: str, s: dict) -> Field:
            art = s["article"]
            return Field(f"{label} \u00b7 {art['published']} \u00b7 {esc(art['outlet'] or 'unknown outlet')}",
                         f"\u201c{esc(_quote(s['text'], 500))}\u201d" + (f"\n{art['url']}" if art["url"] else ""))

        return Page(f"{shift['speaker']['name']} {shift['type']} on {shift['topic']}",
                    esc(_quote(shift["explanation"], 1500)), [side("Before", frm), side("Now", to)],
                    shift["type"], url=to["article"]["url"], footer=f"confidence {shift['confidence']:.2f} \u00b7 shift #{shift['id']}")

    def digest(self, shifts: list[dict]) -> Page:
        fields = [Field(f"{s['speaker']['name']} {s['type']} on {s['topic']}", self.escape(_quote(s["explanation"], 300)))
                  for s in shifts[:20]]
        more = f" (showing 20 of {len(shifts)})" if len(shifts) > 20 else ""
        return Page(f"{len(shifts)} stance shifts{more}", "Digest of this check.", fields, "info")

    # -- typed lines (console) -------------------------------------------------------------------
    def run_line(self, caller: Caller, line: str, prefix: str = "!") -> Reply:
        """Parse and run one chat line such as `!stance rutte ukraine-membership`."""
        line = line.strip()
        if line.startswith(prefix):
            line = line[len(prefix):]
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise UserError(f"Could not read that line ({exc}).") from None
        if not words:
            return self.help(caller, prefix)
        cmd, args = words[0].lower(), words[1:]
        options = {k: v for k, _, v in (a.partition("=") for a in args if "=" in a and a.split("=")[0] in
                                        ("title", "url", "date"))}
        positional = [a for a in args if not ("=" in a and a.split("=")[0] in ("title", "url", "date"))]

        def need(n: int, usage: str) -> None:
            if len(positional) < n:
                raise UserError(f"Usage: {prefix}{usage}")

        if cmd == "stance":
            need(2, "stance <official> <topic>")
            return self.stance(caller, positional[0], " ".join(positional[1:]))
        if cmd == "timeline":
            need(1, "timeline <official> [topic]")
            return self.timeline(caller, positional[0], " ".join(positional[1:]) or None)
        if cmd == "shifts":
            return self.shifts(caller, positional[0] if positional else None,
                               " ".join(positional[1:]) or None)
        if cmd == "officials":
            return self.officials(caller)
        if cmd == "topics":
            return self.topics(caller)
        if cmd == "topic":
            need(2, "topic add <slug> <keywords...> | topic remove <slug>")
            if positional[0] == "add":
                need(3, "topic add <slug> <keywords...>")
                return self.topic_add(caller, positional[1], positional[2:])
            if positional[0] == "remove":
                return self.topic_remove(caller, positional[1])
            raise UserError(f"Usage: {prefix}topic add <slug> <keywords...> | {prefix}topic remove <slug>")
        if cmd == "official":
            need(3, "official alias <official> <alias> | official merge <keep> <merge>")
            if positional[0] == "alias":
                return self.official_alias(caller, positional[1], " ".join(positional[2:]))
            if positional[0] == "merge":
                return self.official_merge(caller, positional[1], positional[2])
            raise UserError(f"Usage: {prefix}official alias <official> <alias> | {prefix}official merge <keep> <merge>")
        if cmd in ("watch", "unwatch"):
            fn = self.watch if cmd == "watch" else self.unwatch
            return fn(caller, positional[0] if positional else None, " ".join(positional[1:]) or None)
        if cmd == "watches":
            return self.watches(caller)
        if cmd == "ingest":
            if positional and not positional[0].startswith("@"):
                return self.ingest(caller, text=" ".join(positional), title=options.get("title"),
                                   url=options.get("url"), published=options.get("date"))
            if positional:  # @path: the console's way to attach a file
                from pathlib import Path

                path = Path(positional[0][1:]).expanduser()
                if not path.is_file():
                    raise UserError(f"No such file: {path}")
                return self.ingest(caller, filename=path.name, data=path.read_bytes(), title=options.get("title"),
                                   url=options.get("url"), published=options.get("date"))
            return self.ingest(caller)
        if cmd == "help":
            return self.help(caller, prefix)
        raise UserError(f"Unknown command {cmd!r}. Type {prefix}help for the list.")


def friendly_error(exc: Exception) -> str | None:
    """The one-line reply for an expected error; None for a bug (log it, say something generic)."""
    if isinstance(exc, (NotFound, UserError, SourceError)):
        return str(exc)
    return None


def page_text(page: Page) -> str:
    """Plain-text rendering of a page (the console; also handy in logs)."""
    out = [page.title, "=" * min(len(page.title), 80)]
    if page.description:
        out.append(page.description.replace("**", "").replace("*", ""))
    for f in page.fields:
        out.append(f"\n{f.name}\n  " + f.value.replace("*", "").replace("\n", "\n  "))
    if page.footer:
        out.append(f"\n({page.footer})")
    return "\n".join(out)

