"""Write a history.json of N sessions (five calf-raise sets and five one-legged sets each), as years of use would
leave it: python make_history.py N FOLDER [--mixed SEED]. Run in its own process so that building it costs no
measured memory.

--mixed SEED: a varied history instead, for checking that two versions print the same (not for timing against the
uniform one): kg and lb mixed within exercises and sessions, weights and reps that change, warm-ups, skipped sets,
holds, one-legged sets with a side skipped, an exercise written two ways, and every 97th session's sets damaged (a
rep count as text: that session is left out, and named on stderr)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from runtrainer.store import Part, Session, SetRecord, history_file


def uniform(i: int, started: str) -> list[SetRecord]:
    return [SetRecord("Calf raises", 0, k + 1, 5, target_low=12, target_high=16, reps=16, weight=12.0,
                      rest_seconds=60.0, duration_seconds=96.0, started=started, ended=started)
            for k in range(5)] + \
           [SetRecord("Single-leg deadlift", 2, k + 1, 5, target_low=8, target_high=8, reps=8, weight=6.0,
                      duration_seconds=80.0, started=started, ended=started,
                      sides=[Part("left", 8, started=started, ended=started),
                             Part("right", 8, started=started, ended=started)]) for k in range(5)]


def mixed(rng: random.Random, started: str) -> list[SetRecord]:
    sets = []
    names = ["Bench", "bench ", "Calf raises", "Plank", "Single-leg deadlift", "Split squat", "Curl"]
    for index, name in enumerate(rng.sample(names, rng.randint(1, 5))):
        unit = rng.choice(["kg", "kg", "lb"])
        for k in range(rng.randint(1, 5)):
            weight = rng.choice([None, 0, 10, 12.5, 20, 22.5, 25, 45, 61.25, 135, 137.5]) if name != "Plank" else None
            sides = []
            if name in ("Single-leg deadlift", "Split squat"):
                sides = [Part("left", rng.randint(0, 12), skipped=rng.random() < 0.1),
                         Part("right", rng.randint(0, 12), completed=rng.random() > 0.1)]
            reps = None if name == "Plank" else rng.choice([None, 1, 5, 8, 12])
            sets.append(SetRecord(name, index, k + 1, 5, reps=reps,
                                  hold_seconds=rng.choice([30, 42.5, 60]) if name == "Plank" else None, weight=weight,
                                  unit=rng.choice([unit, unit, unit, "lb" if unit == "kg" else "kg"]),
                                  skipped=rng.random() < 0.05, completed=rng.random() > 0.05, sides=sides,
                                  set_type=rng.choice(["normal"] * 6 + ["warmup", "dropset", "failure"]),
                                  started=started, ended=started))
    return sets


def main() -> None:
    n, folder = int(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(int(sys.argv[4])) if sys.argv[3:4] == ["--mixed"] else None
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        started = f"{2000 + i // 336:04d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T07:{i % 60:02d}:00+01:00"
        s = Session(f"{i:032x}", "Gym: strength for runners" if i % 3 else "Post-run: legs",
                    "gym" if i % 3 else "post-run", started, ended=started, status="completed", active_seconds=1900.0,
                    planned_sets=13, routine_id="gym")
        s.sets = uniform(i, started) if rng is None else mixed(rng, started)
        line = history_file.dumps(s.to_json())
        if rng is not None and i % 97 == 5 and '"reps":' in line:
            line = line.replace('"reps":', '"reps":"x","was":', 1)
        lines.append(line)
    (folder / "history.json").write_text(history_file.render(lines))


if __name__ == "__main__":
    main()
