#!/usr/bin/env bash
# Times Explorer.Run (all exploration tables) on the shared data once it is in the store (classic preset), and the
# pandas script that computes the golden numbers, side by side.
# Explorer.Run: median of 5 runs after a warm-up, per-script breakdown of one more run (bench/Segmenta.Bench explore).
# Usage: bench/exploration/run.sh [ROUNDS]   (needs Debian's python3-pandas for the pandas line)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
dotnet build bench/Segmenta.Bench -c Release -nologo -v quiet >/dev/null
for i in $(seq "$rounds"); do
  echo "round $i ($(uptime | sed 's/.*load average/load average/'))"
  dotnet run -c Release --no-build --project bench/Segmenta.Bench -- explore data/online-retail.csv.gz
done
if [ -x /usr/bin/python3 ]; then
  /usr/bin/time -f "pandas_exploration.py (read CSV, classic cleaning, monthly, cohorts, retention, Pareto): %e s, %M KB" \
    /usr/bin/python3 bench/exploration/pandas_exploration.py >/dev/null
fi
