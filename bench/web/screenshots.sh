#!/usr/bin/env bash
# Screenshots of every dashboard page at 1280 and 390 px (see screenshots.mjs), over a database made by analyze.
# Usage: bench/web/screenshots.sh [DATABASE] [OUT_DIR]
#   DATABASE defaults to out/segmenta.duckdb (made by ./segmenta analyze data/online-retail.csv.gz --out out);
#   images go to OUT_DIR (default bench/web/screenshots, not committed).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
db="${1:-$root/out/segmenta.duckdb}"
out="${2:-$root/bench/web/screenshots}"
[ -f "$db" ] || { echo "No database at $db: run ./segmenta analyze data/online-retail.csv.gz --out out first." >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "Needs Debian's chromium: apt-get install -y chromium" >&2; exit 1; }
[ -d "$root/tests/e2e/node_modules/playwright-core" ] || npm install --prefix "$root/tests/e2e" --no-audit --no-fund
port=$((20000 + RANDOM % 20000))
"$root/segmenta" serve --db "$db" --urls "http://127.0.0.1:$port" > "$out.server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 1; done
node "$root/bench/web/screenshots.mjs" "http://127.0.0.1:$port" "$out"
