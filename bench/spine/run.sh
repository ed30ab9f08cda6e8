#!/usr/bin/env bash
# Times `segmenta analyze` (load, clean, features, RFM; whole process) against the pandas notebook equivalent,
# side by side, alternating, N rounds. Prints wall seconds and peak RSS of each run, and the median ratio.
# Usage: bench/spine/run.sh [ROUNDS]   (needs Debian's python3-pandas: apt-get install -y python3-pandas)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
data="data/online-retail.csv.gz"
dotnet build src/Segmenta.Cli -c Release -nologo -v quiet >/dev/null
dll="src/Segmenta.Cli/bin/Release/net10.0/Segmenta.Cli.dll"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seg=(); pan=()
for i in $(seq "$rounds"); do
  rm -rf "$work/out"
  s=$( { /usr/bin/time -f "%e %M" dotnet "$dll" analyze "$data" --out "$work/out" --cleaning classic >/dev/null; } 2>&1 | tail -1)
  p=$( { /usr/bin/time -f "%e %M" /usr/bin/python3 bench/spine/pandas_rfm.py "$data" "$work/rfm.csv" >/dev/null; } 2>&1 | tail -1)
  echo "round $i: segmenta ${s% *} s ${s#* } KB | pandas ${p% *} s ${p#* } KB"
  seg+=("${s% *}"); pan+=("${p% *}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms=$(median "${seg[@]}"); mp=$(median "${pan[@]}")
echo "median: segmenta $ms s, pandas $mp s, ratio pandas/segmenta $(awk -v a="$mp" -v b="$ms" 'BEGIN {printf "%.2f", a/b}')"
