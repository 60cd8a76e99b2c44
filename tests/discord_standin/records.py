"""Small value types shared by the stand-in: recorded requests, injected failures, interactions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

ERROR_MESSAGES: dict[int, tuple[int, str]] = {
    400: (50035, "Invalid Form Body"),
    401: (0, "401: Unauthorized"),
    403: (50001, "Missing Access"),
    404: (10003, "Unknown Channel"),
    500: (0, "500: Internal Server Error"),
    502: (0, "502: Bad Gateway"),
    503: (0, "503: Service Unavailable"),
}


class ApiError(Exception):
    """Raised by REST handlers to produce a Discord JSON error response."""

    def __init__(self, status: int, code: int, message: str, errors: JSON | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> JSON:
        """Discord error body."""
        data: JSON = {"message": self.message, "code": self.code}
        if self.errors:
            data["errors"] = self.errors
        return data


@dataclass
class Reply:
    """A REST response; ``body`` None means 204 No Content."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class UploadedFile:
    """A file part of a multipart request (e.g. ``files[0]``)."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request the bot made, with the response the stand-in gave."""

    index: int
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any = None
    form: dict[str, str] = field(default_factory=dict)
    files: list[UploadedFile] = field(default_factory=list)
    status: int = 0
    response: Any = None
    injected: bool = False

    def matches(self, method: str | None, path_regex: str | re.Pattern[str]) -> bool:
        """Method (case-insensitive, None/'*' = any) and full-path regex match."""
        if method not in (None, "*") and self.method != method.upper():
            return False
        return re.fullmatch(path_regex, self.path) is not None

    @property
    def ok(self) -> bool:
        """Whether the stand-in answered with a 2xx status."""
        return 200 <= self.status < 300

    def to_dict(self) -> JSON:
        """JSON-friendly view (file bytes replaced by their size)."""
        return {
            "index": self.index,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "json": self.json,
            "form": self.form,
            "files": [
                {
                    "field": f.field,
                    "filename": f.filename,
                    "content_type": f.content_type,
                    "size": len(f.data),
                }
                for f in self.files
            ],
            "status": self.status,
            "response": self.response,
            "injected": self.injected,
        }


@dataclass
class FailureRule:
    """An injected failure for the next ``remaining`` matching requests."""

    method: str | None
    pattern: re.Pattern[str]
    status: int
    remaining: int
    body: Any
    headers: dict[str, str]

    def matches(self, method: str, path: str) -> bool:
        """Whether this rule applies to a request."""
        if self.remaining <= 0:
            return False
        if self.method not in (None, "*") and self.method.upper() != method:
            return False
        return self.pattern.fullmatch(path) is not None


@dataclass
class InteractionRecord:
    """An interaction the stand-in sent, and how the bot answered it."""

    id: int
    token: str
    type: int
    payload: JSON
    guild_id: int | None
    channel_id: int
    user_id: int
    message_id: int | None = None
    response_type: int | None = None
    response_data: JSON | None = None
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)

    @property
    def callback_path(self) -> str:
        """REST path of this interaction's callback endpoint."""
        return f"/interactions/{self.id}/{self.token}/callback"
