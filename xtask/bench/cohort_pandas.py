"""The cohort matrix computed with pandas, the way an analyst would, for
`cargo xtask bench-cohort`. Same definitions as quire's crates/calc: cohort =
month of first activity; cell = distinct customers active k months later;
revenue summed per cell. Prints JSON timings (best of N, import excluded)."""
import json
import sys
import time

import pandas as pd


def cohort_matrix(path):
    events = pd.read_csv(path, dtype={"customer_id": "string"})
    dates = pd.to_datetime(events["date"], format="%Y-%m-%d")
    # Months as integers keep every step vectorised (no per-row Python).
    month = dates.dt.year * 12 + dates.dt.month - 1
    first = month.groupby(events["customer_id"]).transform("min")
    events = events.assign(cohort=first, offset=month - first)
    active = events.groupby(["cohort", "offset"])["customer_id"].nunique().unstack(fill_value=0)
    revenue = events.groupby(["cohort", "offset"])["revenue"].sum().unstack(fill_value=0.0)
    return active, revenue


def main():
    path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        active, _ = cohort_matrix(path)
        best = min(best, time.perf_counter() - started)
    # The sum of all cells (distinct customer-months) cross-checks quire's result.
    print(json.dumps({"cohorts": len(active), "active_sum": int(active.to_numpy().sum()), "best_seconds": best, "pandas": pd.__version__}))


if __name__ == "__main__":
    main()
