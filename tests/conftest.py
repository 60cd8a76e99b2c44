"""Shared fixtures: the default registry, an engine, a service on a throwaway SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis.extract import Engine
from bot.analysis.registry import load_registry_files
from bot.config import SEEDS, Settings
from bot.service import StanceService
from bot.sources import from_text

pytest_plugins = ["tests.discord_standin.fixtures"]

SEED_ARTICLE = SEEDS / "articles" / "000_ee20a4cda492333a.md"


@pytest.fixture(scope="session")
def registry():
    return load_registry_files([SEEDS / "officials.toml", SEEDS / "topics.toml"])


@pytest.fixture(scope="session")
def engine(registry):
    return Engine(registry)


@pytest.fixture(scope="session")
def seed_input():
    return from_text(SEED_ARTICLE.read_text(encoding="utf-8"), SEED_ARTICLE.name)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def service(db_url, monkeypatch):
    monkeypatch.delenv("STANCEWATCH_OFFICIALS", raising=False)
    monkeypatch.delenv("STANCEWATCH_TOPICS", raising=False)
    svc = StanceService(Settings(_env_file=None), database_url=db_url)
    yield svc
    svc.close()
