"""Render-ready forms of shared page models, made on a model's first view and kept for as long as the model
lives. Page models are shared by every session (see store.py), so what is derived from one here is derived
once, not on every page view."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from lancs_dash.figures.force_comparison import ForceComparison

M = TypeVar("M")
T = TypeVar("T")


def once_per_model(make: Callable[[M], T]) -> Callable[[M], T]:
    """`make(model)`, computed on the model object's first use and then reused. Models are matched by identity
    (some hold data frames, so cannot be hashed) and an entry goes when its model is freed, so a new data
    version starts afresh and an old model's id is never mistaken for a new one's. What `make` returns must
    not refer to the model, or the model could never be freed."""
    made: dict[int, T] = {}

    def get(model: M) -> T:
        try:
            return made[id(model)]
        except KeyError:
            value = made[id(model)] = make(model)
            weakref.finalize(model, made.pop, id(model), None)
            return value

    return get


@once_per_model
def forces_left_out(comparison: ForceComparison) -> str:
    """The forces a comparison leaves out, and why, as a Markdown list under its heading."""
    return "**Forces left out** (missing months are never counted as zero):\n\n" + "\n".join(
        f"- {r.force}: {r.reason}" for r in comparison.excluded.itertuples())
