"""Settings from the environment and `.env` (pydantic-settings: typed, documented, one place)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default="sqlite:///./stancewatch.db", validation_alias="DATABASE_URL")
    officials: str = Field(default="", validation_alias="STANCEWATCH_OFFICIALS",
                           description="Extra officials TOML files (os.pathsep-separated).")
    topics: str = Field(default="", validation_alias="STANCEWATCH_TOPICS",
                        description="Extra topics TOML files (os.pathsep-separated).")
    check_interval: float = Field(default=15.0, validation_alias="STANCEWATCH_CHECK_INTERVAL",
                                  description="Minutes between scheduled shift passes.")
    shift_threshold: float = Field(default=0.35, validation_alias="STANCEWATCH_SHIFT_THRESHOLD")
    digest_threshold: int = Field(default=5, validation_alias="STANCEWATCH_DIGEST_THRESHOLD",
                                  description="More alerts than this for one channel in one pass become a digest.")
    discord_token: str = Field(default="", validation_alias="DISCORD_TOKEN")
    command_prefix: str = Field(default="!", validation_alias="STANCEWATCH_PREFIX")
    discord_api_base: str = Field(default="https://discord.com/api/v10", validation_alias="DISCORD_API_BASE")
    discord_gateway_url: str = Field(default="wss://gateway.discord.gg/", validation_alias="DISCORD_GATEWAY_URL")
    owner_ids: str = Field(default="", validation_alias="STANCEWATCH_OWNER_IDS")
    sync_guild: str = Field(default="", validation_alias="STANCEWATCH_SYNC_GUILD")

    def registry_paths(self) -> tuple[list[Path], list[Path]]:
        """Built-in registries first, then the user's extension files."""
        officials = [SEEDS / "officials.toml"] + _paths(self.officials)
        topics = [SEEDS / "topics.toml"] + _paths(self.topics)
        return officials, topics


def _paths(value: str) -> list[Path]:
    import os

    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]
