"""Write a history.json of N sessions (five calf-raise sets and five one-legged sets each), as years of use would
leave it: python make_history.py N FOLDER. Run in its own process so that building it costs no measured memory."""

from __future__ import annotations

import sys
from pathlib import Path

from runtrainer.store import Part, Session, SetRecord, history_file


def main() -> None:
    n, folder = int(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        started = f"{2000 + i // 336:04d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}T07:{i % 60:02d}:00+01:00"
        s = Session(f"{i:032x}", "Gym: strength for runners" if i % 3 else "Post-run: legs",
                    "gym" if i % 3 else "post-run", started, ended=started, status="completed", active_seconds=1900.0,
                    planned_sets=13, routine_id="gym")
        s.sets = [SetRecord("Calf raises", 0, k + 1, 5, target_low=12, target_high=16, reps=16, weight=12.0,
                            rest_seconds=60.0, duration_seconds=96.0, started=started, ended=started)
                  for k in range(5)] + \
                 [SetRecord("Single-leg deadlift", 2, k + 1, 5, target_low=8, target_high=8, reps=8, weight=6.0,
                            duration_seconds=80.0, started=started, ended=started,
                            sides=[Part("left", 8, started=started, ended=started),
                                   Part("right", 8, started=started, ended=started)]) for k in range(5)]
        lines.append(history_file.dumps(s.to_json()))
    (folder / "history.json").write_text(history_file.render(lines))


if __name__ == "__main__":
    main()
