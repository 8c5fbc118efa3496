"""Routines: the model (``routine_model``) and its TOML loader (``routine_load``), under one name.

A routine is data: a TOML file a runner can read, copy and change. The rest of the package imports from here.
"""

from __future__ import annotations

from runtrainer.core.routine_load import MAX_PROBLEMS, load_routine, parse_routine
from runtrainer.core.routine_model import (
    KINDS,
    MAX_FILE_BYTES,
    MAX_PHASE_SECONDS,
    MAX_REPS,
    MAX_SETS,
    TEMPO_PHASES,
    Exercise,
    Problem,
    RepTarget,
    Routine,
    RoutineError,
    TempoPhase,
    format_tempo,
    parse_tempo,
    to_toml,
)
from runtrainer.reading import read_regular

__all__ = ["KINDS", "MAX_FILE_BYTES", "MAX_PHASE_SECONDS", "MAX_PROBLEMS", "MAX_REPS", "MAX_SETS", "TEMPO_PHASES",
           "Exercise", "Problem", "RepTarget", "Routine", "RoutineError", "TempoPhase", "format_tempo",
           "load_routine", "parse_routine", "parse_tempo", "read_regular", "to_toml"]
