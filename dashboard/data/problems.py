"""A problem found in the dataset: file, line, column, value and what is wrong, one line each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # line in the file; the header is line 1
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        value = self.value if len(self.value) <= 60 else self.value[:57] + "..."
        return f"{self.file}:{self.row or '-'}: {self.column or '-'}: {value!r}: {self.message}"


class DatasetError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"the dataset has {len(problems)} problem(s):\n{lines}")
