import os, subprocess, sys, threading, time
# Used in docs/benchmarks.md (session 12, recs helper) to see when DuckDB checkpoints during an analyze:
#   python3 bench/recommending/walwatch.py OUT /tmp/watch dotnet Segmenta.Cli.dll analyze data/online-retail.csv.gz --out OUT
# usage: walwatch.py OUTDIR LOGPREFIX cmd...  -- runs cmd, timestamps its stdout lines and polls OUTDIR/segmenta.duckdb(.wal) sizes (monotonic seconds)
out, prefix, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
t0 = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
def poll():
    with open(prefix + '.poll', 'w') as f:
        last = None
        while p.poll() is None:
            try: w = os.stat(out + '/segmenta.duckdb.wal').st_size
            except OSError: w = -1
            try: d = os.stat(out + '/segmenta.duckdb').st_size
            except OSError: d = -1
            if (w, d) != last:
                f.write(f"{time.monotonic()-t0:9.3f} wal {w} db {d}\n"); last = (w, d)
            time.sleep(0.005)
th = threading.Thread(target=poll); th.start()
with open(prefix + '.log', 'w') as f:
    for line in p.stdout:
        f.write(f"{time.monotonic()-t0:9.3f} {line}")
p.wait(); th.join()
