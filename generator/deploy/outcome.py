"""What a deploy did: files sent and deleted, and every file that failed (with why)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Failure:
    path: str
    message: str  # Norwegian, for the person running the deploy

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class Outcome:
    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    cleaned: list[str] = field(default_factory=list)  # stale temp files removed
    failures: list[Failure] = field(default_factory=list)
    stopped_before: int = 0  # files not attempted because an earlier stage failed

    @property
    def ok(self) -> bool:
        return not self.failures
