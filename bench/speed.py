"""Ingest and shift-pass speed: `python -m bench.speed [--copies N]`.

Ingests the development corpus N times (each copy made unique so it is not a duplicate) in one
process into a fresh SQLite file, prints articles per second, then times one shift pass over
everything ingested and prints statements per second for the pass. The ingest is run `--runs`
times (each into a fresh file) and the best run is reported with all of them: on a shared machine
the others measure the neighbours as much as the code."""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.analysis.extract import Engine
from bot.config import Settings
from bot.service import StanceService

from .corpus import load, registry


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--copies", type=int, default=25)
    ap.add_argument("--runs", type=int, default=3, help="ingest runs, each into a fresh database (the best is reported)")
    args = ap.parse_args()
    print(f"machine reference: a 10-million-step Python loop takes {_reference_loop():.2f}s here "
          "(compare machines with it: the figures below scale with it)")
    docs = [d.article for d in load()]
    engine = Engine(registry())
    passes = []
    for _ in range(5):
        t0 = time.perf_counter()
        for d in docs:
            engine.analyze(d.text)
        passes.append(len(docs) / (time.perf_counter() - t0))
    print(f"analysis only (no database), best of 5 passes: {max(passes):,.0f} articles/s "
          f"(all: {', '.join(f'{p:,.0f}' for p in passes)})")

    rates = []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            svc = StanceService(Settings(_env_file=None), database_url=f"sqlite:///{Path(tmp) / f'speed{run}.db'}")
            svc.ingest(docs[0])  # warm-up: workspace seeding and migrations are not part of the figure
            n = statements = 0
            t0 = time.perf_counter()
            for copy in range(args.copies):
                for d in docs:
                    art = replace(d, text=f"{d.text}\n\nCopy {copy}.", url=None,
                                  published=(d.published + timedelta(days=copy)) if d.published else None)
                    res = svc.ingest(art)
                    n += res.status == "added"
                    statements += res.statements
            elapsed = time.perf_counter() - t0
            rates.append(n / elapsed)
            print(f"ingest run {run + 1}: {n} articles, {statements} statements in {elapsed:.2f}s "
                  f"= {n / elapsed:,.0f} articles/s")
            if run < args.runs - 1:
                svc.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux reports KiB)
        print(f"ingest into SQLite, one process, best of {args.runs} runs: {max(rates):,.0f} articles/s "
              f"(target >= 200); peak RSS {peak:.0f} MB")
        # the shift pass over the last run's database
        t0 = time.perf_counter()
        shifts = svc.check()
        elapsed = time.perf_counter() - t0
        print(f"shift pass over {statements} new statements: {elapsed:.2f}s "
              f"({statements / max(elapsed, 1e-9):,.0f} statements/s), {len(shifts)} shifts")
        t0 = time.perf_counter()
        svc.check()
        print(f"idle pass (nothing new): {(time.perf_counter() - t0) * 1000:.1f} ms")
        svc.close()
    # last: the pathological texts leave a large heap behind them
    worst = max(_adversarial(engine).items(), key=lambda kv: kv[1])
    print(f"adversarial inputs (long runs of names, clauses and commas with no full stop): slowest "
          f"{worst[0]} {worst[1]:.2f}s")


def _adversarial(engine: Engine) -> dict[str, float]:
    """Seconds per pathological text: each once took minutes (exponential or quadratic matching)."""
    cases = {
        "coordinated verbs": "Minister Jonas Berg" + " thanked them and" * 300 + " said the tariffs would rise.",
        "contrasted verbs": "Minister Jonas Berg" + ' called it "bad" but' * 300 + " said the tariffs would rise.",
        "asides": "Minister Jonas Berg" + ", 47, who went there, and then" * 200 + " said the tariffs would rise.",
        "names": " ".join(["Jonas Berg Anna Lund Minister"] * 2000) + " said.",
        "one long quote": '"' + "We will act. " * 2000,
        "headline of contractions": "Minister: \u2018" + "We\u2019ll act " * 3000 + "now",
        "paragraphs left inside one quote": "Minister Anna Lund spoke.\n\n" + "\u201cWe had a long day.\n\n" * 400 + "End\u201d.",
    }
    out = {}
    for name, text in cases.items():
        t0 = time.perf_counter()
        engine.analyze(text)
        out[name] = time.perf_counter() - t0
    return out


def _reference_loop() -> float:
    """Best of three runs of a plain interpreter loop: how fast this machine runs Python today."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(10_000_000):
            total += i
        best = min(best, time.perf_counter() - t0)
    return best


if __name__ == "__main__":
    main()
