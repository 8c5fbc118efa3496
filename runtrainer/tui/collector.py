"""Python's cyclic garbage collector during a workout: never in the middle of a phase change's frame, run just
after one instead, as often as it would have run by itself.

Timed inside the app through a pty (sound on, 1 s phases): a collection (0.25-1.5 ms) fell between a boundary and
its frame's bytes in 7 of 25 phase changes. While a workout screen is up, the collector's automatic runs are off,
and after each ticked frame ``collect_due`` does what CPython's own thresholds (``gc.get_threshold``) would have
done by then: nothing, or the generation due. Leaving the workout turns the automatic runs back on (if they were on).
"""

from __future__ import annotations

import gc


class CollectBetweenFrames:
    def __init__(self) -> None:
        self._was_on: bool | None = None
        """Whether the collector ran by itself before ``start`` (None: not started)."""

    def start(self) -> None:
        if self._was_on is None:
            self._was_on = gc.isenabled()
            gc.disable()

    def stop(self) -> None:
        if self._was_on:
            gc.enable()
        self._was_on = None

    def collect_due(self) -> int | None:
        """The collection due by CPython's thresholds, run now; its generation (None: none was due)."""
        if self._was_on is None:
            return None
        if gc.isenabled():  # turned on since (start-up turns it on after the first frame, which comes after
            self._was_on = True  # the workout screen's mount with `start NAME`): meant to run; it runs here
            gc.disable()
        if not self._was_on:
            return None  # the collector is off anyway (the figures' thread turns it off while it reads)
        (t0, t1, t2), (c0, c1, c2) = gc.get_threshold(), gc.get_count()
        if t0 == 0 or c0 < t0:
            return None
        generation = 2 if c1 >= t1 and c2 >= t2 else 1 if c1 >= t1 else 0
        gc.collect(generation)
        return generation
