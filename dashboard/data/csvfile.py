"""Every CSV the app writes: cells that a spreadsheet would run as a formula are neutralised (OWASP's
advice for CSV injection), so a hostile dataset cannot put =HYPERLINK(…) into a user's Excel."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that starts like a formula gets a leading apostrophe, which spreadsheets show as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (years, counts, 元 with gaps) as integers: 2023, not 2023.0."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values):
            known = values.dropna()
            if len(known) and (known == known.round()).all() and known.abs().max() < 2**53:
                out[column] = values.astype("Int64")
    return out


def csv_text(frame: pd.DataFrame, bom: bool = False) -> str:
    """The frame as CSV text (UTF-8; with a BOM, Excel opens Chinese text correctly), whole numbers
    written as integers."""
    safe = whole_numbers_as_integers(frame)
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return ("\ufeff" if bom else "") + safe.to_csv(index=False, lineterminator="\n")
