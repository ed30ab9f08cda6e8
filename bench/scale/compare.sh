#!/usr/bin/env bash
# Side by side, alternating: the whole process of `segmenta analyze FILE` (default preset) against the notebook
# pipeline ../shared/peers/pandas_sklearn.py (load, classic cleaning, RFM, K-Means and GMM sweeps k=2..10 with metrics,
# per-cluster best-sellers) run with Debian's python3 (python3-pandas, python3-sklearn). Prints wall seconds, CPU
# seconds and peak RSS of each run, segmenta's time per step, and the median ratios.
# Usage: bench/scale/compare.sh ROUNDS FILE [FILE...]   e.g. bench/scale/compare.sh 3 data/online-retail.csv.gz
# Larger inputs: ./segmenta generate --lines 1000000 --out /tmp/g1m.csv.gz (ground truth beside it).
# The peer is skipped for a file when SKIP_PEER=1 (it needs ~25x the file's size in memory).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:?rounds}"; shift
peer="${PEER:-/work/shared/peers/pandas_sklearn.py}"
python="${PYTHON:-/usr/bin/python3}"
# The binary the README's ./segmenta runs (the native build on Linux x64/ARM64, or the ReadyToRun publish when it could
# not be built), built first when stale, so the comparison times what a user runs. SEGMENTA_NO_NATIVE=1 times the
# ReadyToRun publish, SEGMENTA_NO_R2R=1 the plain Release build.
bin="$(SEGMENTA_PRINT_DLL=1 ./segmenta)"
case "$bin" in
  *.dll) segmenta=(dotnet "$bin") ;;
  *) segmenta=("$bin") ;;
esac
# The runtime setting ./segmenta gives a dll's process (tier-1 recompilation after 1000 calls; see the script); the
# native executable has no JIT and ignores it.
export DOTNET_TC_CallCountThreshold="${DOTNET_TC_CallCountThreshold:-1000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for data in "$@"; do
  seg=(); pan=(); segcpu=(); pancpu=()
  for i in $(seq "$rounds"); do
    rm -rf "$work/out"
    s=$( { /usr/bin/time -f "%e %U %S %M" "${segmenta[@]}" analyze "$data" --out "$work/out" >"$work/seg.txt"; } 2>&1 | tail -1)
    read -r sw su ss sm <<<"$s"
    echo "$(basename "$data") round $i: segmenta ${sw} s wall, $(awk -v a="$su" -v b="$ss" 'BEGIN {print a+b}') s CPU, $((sm / 1024)) MB peak"
    sed -n '/^Time per step/,/outside the steps/p' "$work/seg.txt"
    seg+=("$sw"); segcpu+=("$(awk -v a="$su" -v b="$ss" 'BEGIN {print a+b}')")
    if [ "${SKIP_PEER:-0}" != 1 ]; then
      p=$( { /usr/bin/time -f "%e %U %S %M" "$python" "$peer" "$data" "$work/peer.json" >"$work/peer.txt"; } 2>&1 | tail -1)
      read -r pw pu ps pm <<<"$p"
      echo "$(basename "$data") round $i: pandas+sklearn ${pw} s wall, $(awk -v a="$pu" -v b="$ps" 'BEGIN {print a+b}') s CPU, $((pm / 1024)) MB peak; stages $(cat "$work/peer.txt")"
      pan+=("$pw"); pancpu+=("$(awk -v a="$pu" -v b="$ps" 'BEGIN {print a+b}')")
    fi
  done
  ms=$(median "${seg[@]}"); mc=$(median "${segcpu[@]}")
  if [ "${#pan[@]}" -gt 0 ]; then
    mp=$(median "${pan[@]}"); mpc=$(median "${pancpu[@]}")
    echo "$(basename "$data") median of $rounds: segmenta $ms s wall / $mc s CPU, pandas+sklearn $mp s wall / $mpc s CPU;" \
      "peer/segmenta wall $(awk -v a="$mp" -v b="$ms" 'BEGIN {printf "%.2f", a/b}'), CPU $(awk -v a="$mpc" -v b="$mc" 'BEGIN {printf "%.2f", a/b}')"
  else
    echo "$(basename "$data") median of $rounds: segmenta $ms s wall / $mc s CPU"
  fi
done
