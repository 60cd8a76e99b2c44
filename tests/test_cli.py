"""The CLI contract: what scripts and acceptance tests call."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

from .conftest import SEED_ARTICLE

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(db_url, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.chdir(tmp_path)  # no stray .env is read

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_ingest_then_stance_and_duplicate(cli):
    code, out, _ = cli("ingest", str(SEED_ARTICLE))
    assert code == 0 and "1 ingested" in out and "Mark Rutte" in out
    code, out, _ = cli("ingest", str(SEED_ARTICLE))
    assert code == 0 and "1 duplicates skipped" in out and "0 ingested" in out
    code, out, _ = cli("stance", "rutte", "ukraine-membership")
    assert code == 0
    assert "Mark Rutte on Ukraine's membership of NATO" in out
    assert "Deflections" in out and "refrained from directly answering" in out
    assert "2024-12-03" in out and "Ukrinform" in out


def test_stance_json_and_fuzzy_names(cli):
    cli("ingest", str(SEED_ARTICLE))
    for who in ("rutte", "Mark Rutte", "mark-rutte"):
        code, out, _ = cli("stance", who, "Ukraine's membership of NATO", "--json")
        assert code == 0
        data = json.loads(out)
        assert data["speaker"] == {"slug": "mark-rutte", "name": "Mark Rutte"}
        assert data["topic"] == "ukraine-membership"
        assert data["current"] in ("support", "neutral", "oppose")
        dates = [s["article"]["published"] for s in data["statements"]]
        assert dates == sorted(dates, reverse=True)


def test_unknown_official_gets_did_you_mean(cli):
    cli("ingest", str(SEED_ARTICLE))
    code, _out, err = cli("stance", "rute", "ukraine-membership")
    assert code == 1 and "Did you mean mark-rutte" in err and "Traceback" not in err
    code, _out, err = cli("stance", "rutte", "ukraine-bid")
    assert code == 1 and "ukraine-membership" in err


def test_export_jsonl_shape_and_csv(cli):
    cli("ingest", str(SEED_ARTICLE))
    code, out, _ = cli("export", "--format", "jsonl", "--official", "rutte")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and set(rows[0]) == {"id", "article", "speaker", "mention", "text", "direct", "kind", "subtype",
                                     "topics", "cues", "start", "end"}
    assert set(rows[0]["article"]) == {"url", "title", "outlet", "published"}
    text = SEED_ARTICLE.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
    code, out, _ = cli("export", "--format", "csv", "--topic", "military-aid")
    table = list(csv.DictReader(io.StringIO(out)))
    assert table and all("military-aid" in r["topics"] for r in table)


def test_formats_front_matter_json_jsonl_html_and_overrides(cli, tmp_path):
    body = "Finance Minister Karl Osterberg said the budget deficit must fall next year, and he ruled out tax rises."
    (tmp_path / "a.json").write_text(json.dumps({"title": "T1", "url": "https://x.test/1", "published": "2025-01-02",
                                                 "outlet": "Wire", "text": body}))
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps({"title": f"T{i}", "published": f"2025-01-0{i}",
                                                           "text": f"{body} Story number {i}."}) for i in (3, 4)))
    (tmp_path / "c.html").write_text(
        "<html><head><title>Budget row</title><script>var x='@everyone said ignore';</script></head><body>"
        f"<nav>Home | News</nav><article><h1>Budget row</h1><p>{body} This is the html copy.</p>"
        "<p>He added that the government had no plans to raise spending this year at all.</p></article></body></html>")
    code, out, err = cli("ingest", str(tmp_path / "a.json"), str(tmp_path / "b.jsonl"), str(tmp_path / "c.html"),
                         "--outlet", "Override")
    assert code == 0, err
    assert "3 ingested" not in out and "4 ingested" in out
    code, out, _ = cli("timeline", "osterberg", "--json")
    items = json.loads(out)
    assert {i["article"]["outlet"] for i in items} == {"Override"}
    assert "ignore" not in " ".join(i["text"] for i in items)


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("latin1.txt", "Le ministre a d\u00e9clar\u00e9 que".encode("latin-1"), "not UTF-8"),
    ("french.txt", "Le ministre des finances a d\u00e9clar\u00e9 mardi que le gouvernement ne changera pas sa "
                   "politique budg\u00e9taire cette ann\u00e9e, malgr\u00e9 les critiques.".encode(), "English"),
    ("bad.json", b"{not json", "not valid JSON"),
    ("scripts.html", b"<html><script>" + b"alert(1);" * 500 + b"</script><body></body></html>", "no article text"),
    ("notes.pdf", b"%PDF-1.4", "unsupported"),
])
def test_bad_input_one_line_error_nothing_written(cli, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = cli("ingest", str(path))
    assert code == 1
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    code, out, _ = cli("export")
    assert out == ""


def test_huge_file_refused(cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The minister said the plan will go ahead. " * 500_000)  # about 21 MB
    code, _out, err = cli("ingest", str(path))
    assert code == 1 and "MB" in err and "Traceback" not in err


def test_workspaces_are_isolated(cli):
    cli("ingest", str(SEED_ARTICLE), "--workspace", "111")
    code, out, _ = cli("export", "--workspace", "222")
    assert code == 0 and out == ""
    code, out, _ = cli("export", "--workspace", "111")
    assert out.count("\n") >= 10


def test_registry_extension_via_environment(cli, tmp_path, monkeypatch):
    extra = tmp_path / "extra.toml"
    extra.write_text('[[official]]\nname = "Petra Lindqvist"\ntitles = ["Harbour Commissioner"]\n'
                     '[[topic]]\nslug = "harbour-fees"\ntitle = "Raising harbour fees"\nkeywords = ["harbour fees"]\n')
    monkeypatch.setenv("STANCEWATCH_OFFICIALS", str(extra))
    monkeypatch.setenv("STANCEWATCH_TOPICS", str(extra))
    code, out, _ = cli("topics")
    assert "harbour-fees" in out
    code, out, _ = cli("officials")
    assert "petra-lindqvist" in out


def test_python_dash_m_bot_runs_the_same_cli(db_url, tmp_path):
    env = {**os.environ, "DATABASE_URL": db_url}
    proc = subprocess.run([sys.executable, "-m", "bot", "topics"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 0 and "ukraine-membership" in proc.stdout


def test_check_shifts_watch_and_alerts_commands(cli, tmp_path):
    from .test_shifts import REVERSAL

    later = tmp_path / "reversal.json"
    later.write_text(json.dumps({"title": REVERSAL.title, "url": REVERSAL.url, "outlet": REVERSAL.outlet,
                                 "published": REVERSAL.published.isoformat(), "text": REVERSAL.text}))
    code, out, _ = cli("watch", "--official", "rutte", "--topic", "ukraine-membership")
    assert code == 0 and "Watching mark-rutte / ukraine-membership" in out
    cli("ingest", str(SEED_ARTICLE))
    code, out, _ = cli("check")
    assert code == 0 and "No new shifts" in out
    cli("ingest", str(later))
    code, out, _ = cli("check", "--json")
    found = json.loads(out)
    shift = next(s for s in found if s["topic"] == "ukraine-membership")
    assert set(shift) == {"id", "speaker", "topic", "type", "from", "to", "explanation", "confidence", "detected_at"}
    assert shift["type"] == "reversed" and shift["to"]["article"]["url"] == REVERSAL.url
    assert set(shift["from"]) >= {"id", "article", "speaker", "text", "kind", "topics", "start", "end"}
    code, out, _ = cli("check", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("shifts", "--official", "rutte", "--since", "2025-01-01", "--json")
    listed = json.loads(out)
    assert shift["id"] in [s["id"] for s in listed]
    assert all(s["speaker"]["slug"] == "mark-rutte" and s["to"]["article"]["published"] >= "2025-01-01" for s in listed)
    code, out, _ = cli("shifts", "--since", "2025-03-01", "--json")
    assert json.loads(out) == []
    code, out, _ = cli("stance", "rutte", "ukraine-membership")
    assert "Latest shift: reversed" in out
    code, out, _ = cli("alerts", "--json")
    alerts = json.loads(out)
    assert [a["status"] for a in alerts] == ["queued"] and alerts[0]["channel_id"] == "cli"
    code, out, _ = cli("watches")
    assert "mark-rutte / ukraine-membership" in out
    code, out, _ = cli("unwatch", "--official", "rutte", "--topic", "ukraine-membership")
    assert code == 0 and "Removed 1 watch" in out
    code, out, _ = cli("watches")
    assert "No watches" in out


def test_url_override_needs_a_single_article_and_undated_articles_are_flagged(cli, tmp_path):
    (tmp_path / "a.txt").write_text("Finance Minister Karl Osterberg said the deficit will fall next year.")
    (tmp_path / "b.txt").write_text("Finance Minister Karl Osterberg said taxes will not rise this year.")
    code, _out, err = cli("ingest", str(tmp_path), "--url", "https://x.test/one")
    assert code == 2 and "--url" in err
    code, out, _ = cli("ingest", str(tmp_path / "a.txt"))
    assert code == 0 and "no publication date given" in out


@pytest.mark.parametrize("name, value, message", [
    ("STANCEWATCH_CHECK_INTERVAL", "soon", "bad setting"),
    ("DATABASE_URL", "not a url", "DATABASE_URL"),
    ("DATABASE_URL", "sqlite:////nonexistent-dir/x/y.db", "database unavailable"),
])
def test_bad_settings_are_one_line(cli, monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    code, _out, err = cli("topics")
    assert code == 1 and message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
