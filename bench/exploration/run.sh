#!/usr/bin/env bash
# Times Explorer.Run (all exploration tables) on the shared data once it is in the store (classic preset), and the
# pandas script that computes the golden numbers, side by side.
# Explorer.Run: median of 5 runs after a warm-up, per-script breakdown of one more run; printed by the test
# RealDataExplorationTests.Explorer_run_takes_under_the_benchmark_target_once_the_data_is_in_the_store.
# Usage: bench/exploration/run.sh [ROUNDS]   (needs Debian's python3-pandas for the pandas line)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-3}"
dotnet build tests/Segmenta.Tests -c Release -nologo -v quiet >/dev/null
for i in $(seq "$rounds"); do
  echo "round $i ($(uptime | sed 's/.*load average/load average/'))"
  dotnet test tests/Segmenta.Tests -c Release --no-build \
      --filter "FullyQualifiedName~RealDataExplorationTests.Explorer_run_takes" --logger "console;verbosity=detailed" \
    | sed -n '/Explorer.Run on the classic store/,/Load (read the tables back)/p' | sed 's/^ *//'
done
if [ -x /usr/bin/python3 ]; then
  /usr/bin/time -f "pandas_exploration.py (read CSV, classic cleaning, monthly, cohorts, retention, Pareto): %e s, %M KB" \
    /usr/bin/python3 bench/exploration/pandas_exploration.py >/dev/null
fi
