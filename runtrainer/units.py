"""Weights in kg and lb: the one conversion that progress, the exports and the importers all use, so a figure on
the progress screen and the same weight in an export never disagree. Never imports textual."""

from __future__ import annotations

from typing import overload

UNITS = ("kg", "lb")
LB_TO_KG = 0.45359237
"""The international pound, exactly."""
DECIMALS = 3
"""A converted weight is rounded to grams (thousandths of a pound): what an export writes, and what progress works
from. Finer than any plate or dumbbell; a figure moves by half a gram (or a thousandth of a pound) at most."""


@overload
def convert(weight: float, unit: str, to: str | None, decimals: int = DECIMALS) -> float: ...


@overload
def convert(weight: None, unit: str, to: str | None, decimals: int = DECIMALS) -> None: ...


def convert(weight: float | None, unit: str, to: str | None, decimals: int = DECIMALS) -> float | None:
    """``weight`` in ``unit`` as ``to``, rounded to ``decimals``; as recorded when the units agree, or ``to`` or
    the weight is None. Round once, to what is written: 12 kg is 26.4555 lb, a CSV's 26.46 (rounded to 26.455
    first, it became 26.45)."""
    if weight is None or to is None or unit == to:
        return weight
    return round(weight * LB_TO_KG if to == "kg" else weight / LB_TO_KG, decimals)
