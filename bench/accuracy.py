"""Extraction accuracy on the development corpus: `python -m bench.accuracy [--verbose] [--prefix a]`.

A predicted statement matches a labelled one when its character span overlaps the labelled quote.
Prints statement recall and precision, then speaker, kind, subtype, topic and stance accuracy over
the matched pairs."""

from __future__ import annotations

import argparse
from collections import Counter

from bot.analysis.extract import Engine
from bot.analysis.text import normalise

from .corpus import CORPORA, load, registry, roots


def evaluate(prefix: str = "", verbose: bool = False, corpus: str = "dev",
             confusion: dict[str, Counter] | None = None) -> dict[str, float]:
    """`confusion`, when given, collects (gold, predicted) counts under "kind" and "stance"."""
    engine = Engine(registry())
    c: Counter[str] = Counter()
    if confusion is not None:
        confusion.setdefault("kind", Counter())
        confusion.setdefault("stance", Counter())
    docs = [d for root in roots(corpus) for d in load(prefix, root)]
    for doc in docs:
        text = normalise(doc.article.text)
        preds = list(engine.analyze_normalised(text, doc.article.published).statements)
        c["gold"] += len(doc.gold)
        c["pred"] += len(preds)
        spans = []
        for g in doc.gold:
            at = text.find(g["quote"])
            if at < 0:
                print(f"  ! {doc.id}: label quote not found: {g['quote'][:60]!r}")
                continue
            spans.append((at, at + len(g["quote"]), g))
        used: set[int] = set()
        for p in preds:
            if any(p.start < b and p.end > a for a, b, _g in spans):
                c["pred_ok"] += 1
            elif verbose:
                print(f"  + {doc.id}: extra [{p.speaker_slug}] {p.kind}/{p.subtype}: {p.text[:90]!r}")
        for a, b, g in spans:
            cands = [(min(b, p.end) - max(a, p.start), i) for i, p in enumerate(preds)
                     if p.start < b and p.end > a and i not in used]
            if not cands:
                if verbose:
                    print(f"  - {doc.id}: missed [{g['speaker']}] {g['kind']}: {g['quote'][:90]!r}")
                continue
            _ov, i = max(cands)
            used.add(i)
            p = preds[i]
            c["matched"] += 1
            c["speaker"] += p.speaker_slug == g["speaker"]
            c["kind"] += p.kind == g["kind"]
            if confusion is not None:
                confusion["kind"][g["kind"], p.kind] += 1
            c["subtype"] += (p.kind, p.subtype) == (g["kind"], g["subtype"])
            gold_topics = g.get("topics", {})
            pred_topics = {t.slug: t.stance for t in p.topics}
            c["topic"] += set(gold_topics) == set(pred_topics)
            for slug, stance in gold_topics.items():
                if slug in pred_topics:
                    c["stance_n"] += 1
                    c["stance"] += pred_topics[slug] == stance
                    if confusion is not None:
                        confusion["stance"][stance, pred_topics[slug]] += 1
            if verbose and (p.speaker_slug != g["speaker"] or p.kind != g["kind"] or set(gold_topics) != set(pred_topics)
                            or any(pred_topics.get(s, st) != st for s, st in gold_topics.items())):
                print(f"  ~ {doc.id}: {g['quote'][:70]!r}\n      gold [{g['speaker']}] {g['kind']}/{g['subtype']} {gold_topics}"
                      f"\n      pred [{p.speaker_slug}] {p.kind}/{p.subtype} {pred_topics} cues={list(p.cues)[:3]}")
    m = max(c["matched"], 1)
    return {
        "articles": len(docs),
        "gold statements": c["gold"],
        "predicted statements": c["pred"],
        "recall": c["matched"] / max(c["gold"], 1),
        "precision": c["pred_ok"] / max(c["pred"], 1),
        "speaker accuracy": c["speaker"] / m,
        "kind accuracy": c["kind"] / m,
        "subtype accuracy": c["subtype"] / m,
        "topic accuracy": c["topic"] / m,
        "stance accuracy": c["stance"] / max(c["stance_n"], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--prefix", default="", help="only articles whose id starts with this")
    ap.add_argument("--corpus", default="dev", choices=[*sorted(CORPORA), "dev+validation"],
                    help="dev (tuned on), validation (written blind, checked while developing) or test "
                         "(written blind, reported once)")
    ap.add_argument("--confusion", action="store_true", help="also print kind and stance confusion tables")
    args = ap.parse_args()
    confusion: dict[str, Counter] | None = {} if args.confusion else None
    for name, value in evaluate(args.prefix, args.verbose, args.corpus, confusion).items():
        print(f"{name:>22}: {value:.3f}" if isinstance(value, float) else f"{name:>22}: {value}")
    for name, table in (confusion or {}).items():
        print_confusion(name, table)


def print_confusion(name: str, table: Counter) -> None:
    """Rows: the label; columns: what the engine said."""
    values = sorted({v for pair in table for v in pair})
    width = max(len(v) for v in [*values, name]) + 2
    head = f"{name} (gold / pred)"
    print(f"\n{head:<{width + 10}}" + "".join(f"{v:>{width}}" for v in values))
    for gold in values:
        print(f"{gold:<{width + 10}}" + "".join(f"{table[gold, pred]:>{width}}" for pred in values))


if __name__ == "__main__":
    main()
