"""Shift detection on the storyline corpus: `python -m bench.shift_accuracy [--verbose] [--shuffle]`.

Each storyline (one official, one topic, 4+ dated articles) is ingested into its own workspace;
one pass runs; every consecutive labelled pair is compared with the shift recorded between those
two articles. Prints shift recall, type accuracy and the false-alarm rate on consistent pairs.
`--shuffle` ingests each storyline in reverse order first, to show that order does not matter."""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

from bot.config import Settings
from bot.service import StanceService

from .corpus import CORPORA, load, roots, storylines


def evaluate(verbose: bool = False, reverse: bool = False, threshold: float | None = None,
             corpus: str = "dev") -> dict[str, float]:
    lines = [line for root in roots(corpus) for line in storylines(root)]
    docs = {d.id: d.article for root in roots(corpus) for d in load("", root)}
    c: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None)
        if threshold is not None:
            settings.shift_threshold = threshold
        svc = StanceService(settings, database_url=f"sqlite:///{Path(tmp) / 'shifts.db'}")
        for n, line in enumerate(lines):
            ws = f"story{n}"
            order = list(reversed(line["articles"])) if reverse else line["articles"]
            ids = {}
            for aid in order:
                ids[aid] = svc.ingest(docs[aid], ws).article_id
            svc.check()
            # each article is the end of at most one shift (from the article before it, or from the
            # last firm stance for a reversal across hedged articles)
            found = {s["to"]["article"]["title"]: s for s in svc.shifts(ws, line["official"], line["topic"])}
            titles = [docs[a].title for a in line["articles"]]
            for i, label in enumerate(line["pairs"]):
                pred = found.get(titles[i + 1])
                ptype = pred["type"] if pred else "none"
                if label == "none":
                    c["none"] += 1
                    c["false_alarm"] += ptype != "none"
                else:
                    c["shift"] += 1
                    c["detected"] += ptype != "none"
                    c["type_ok"] += ptype == label
                if verbose and ptype != label:
                    print(f"  {line['official']} {line['topic']} {line['articles'][i]} -> {line['articles'][i + 1]}: "
                          f"gold {label}, predicted {ptype}" + (f" ({pred['explanation'][:150]})" if pred else ""))
            if verbose:
                report = svc.stance(line["official"], line["topic"], ws)
                print(f"  {line['official']}: positions " + ", ".join(f"{d} {p:+.2f}" for d, _s, p in report.history))
        svc.close()
    return {
        "labelled shifts": c["shift"],
        "consistent pairs": c["none"],
        "shift recall": c["detected"] / max(c["shift"], 1),
        "type accuracy": c["type_ok"] / max(c["detected"], 1),
        "type accuracy (all shifts)": c["type_ok"] / max(c["shift"], 1),
        "false-alarm rate": c["false_alarm"] / max(c["none"], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--reverse", action="store_true", help="ingest every storyline newest first")
    ap.add_argument("--threshold", type=float)
    ap.add_argument("--corpus", default="dev", choices=[*sorted(CORPORA), "dev+validation"])
    args = ap.parse_args()
    for name, value in evaluate(args.verbose, args.reverse, args.threshold, args.corpus).items():
        print(f"{name:>28}: {value:.3f}" if isinstance(value, float) else f"{name:>28}: {value}")


if __name__ == "__main__":
    main()
