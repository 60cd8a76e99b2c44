"""Load the hand-labelled development corpus (see bench/corpus/README.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.analysis.registry import load_registry_files
from bot.config import SEEDS
from bot.sources import ArticleInput, from_text

CORPUS = Path(__file__).parent / "corpus"
CORPORA = {  # dev: tuned on; validation: checked while developing; test: written blind, reported once
    "dev": CORPUS,
    "validation": Path(__file__).parent / "corpus_validation",
    "test": Path(__file__).parent / "corpus_test",
    "fresh": Path(__file__).parent / "corpus_fresh",  # written blind later; see its README
    "fresh2": Path(__file__).parent / "corpus_fresh2",  # written blind later still; see its README
    "fresh3": Path(__file__).parent / "corpus_fresh3",  # written blind in the third session; see its README
    "fresh4": Path(__file__).parent / "corpus_fresh4",  # written blind late in the third session; see its README
    "fresh5": Path(__file__).parent / "corpus_fresh5",  # written blind in the fourth session; see its README
    "fresh6": Path(__file__).parent / "corpus_fresh6",  # written blind in the fourth session; see its README
    "fresh7": Path(__file__).parent / "corpus_fresh7",  # written blind late in the fourth session; see its README
    "fresh8": Path(__file__).parent / "corpus_fresh8",  # written blind in the fifth session (shift-heavy); see its README
    "fresh9": Path(__file__).parent / "corpus_fresh9",  # written blind late in the fifth session; see its README
    "fresh10": Path(__file__).parent / "corpus_fresh10",  # written blind at the end of the fifth session; see its README
    "fresh11": Path(__file__).parent / "corpus_fresh11",  # written blind in the sixth session; see its README
    "fresh12": Path(__file__).parent / "corpus_fresh12",  # written blind at the end of the sixth session; see its README
    "fresh13": Path(__file__).parent / "corpus_fresh13",  # written blind after the sixth session's last fixes; see its README
}


@dataclass
class Labelled:
    id: str
    article: ArticleInput
    gold: list[dict]


def roots(corpus: str) -> list[Path]:
    """A corpus name, or several joined with '+': `dev+validation`."""
    return [CORPORA[name] for name in corpus.split("+")]


def registry(root: Path = CORPUS):
    extra = sorted(root.glob("topics_extra_*.toml"))
    return load_registry_files([SEEDS / "officials.toml", SEEDS / "topics.toml", *extra])


def load(prefix: str = "", root: Path = CORPUS) -> list[Labelled]:
    out = []
    for path in sorted((root / "articles").glob(f"{prefix}*.md")):
        label_path = root / "labels" / f"{path.stem}.json"
        if not label_path.exists():
            continue
        article = from_text(path.read_text(encoding="utf-8"), path.name)
        gold = json.loads(label_path.read_text(encoding="utf-8"))["statements"]
        out.append(Labelled(path.stem, article, gold))
    return out


def storylines(root: Path = CORPUS) -> list[dict]:
    path = root / "storylines.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
