#!/usr/bin/env python3
"""Reads during a dashboard re-run (issue 18): p95 latency of API reads before and while a K-Means re-run job runs,
and click-to-result (POST /segments/run to the job's Succeeded state).
Usage: python3 bench/web/reads_during_rerun.py http://127.0.0.1:5080 [k]   (server started with segmenta serve)."""
import http.cookiejar, json, re, sys, threading, time, urllib.parse, urllib.request

base = sys.argv[1].rstrip("/")
k = sys.argv[2] if len(sys.argv) > 2 else "5"
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
READS = ["/api/customers/12347", "/api/segments?segmentation=rfm", "/api/customers/12347/recommendations", "/api/health"]

def get(path):
    started = time.perf_counter()
    with opener.open(base + path) as r:
        r.read()
    return time.perf_counter() - started

def p95(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))] * 1000 if values else float("nan")

def reads_for(seconds=None, until=None):
    times, i = [], 0
    end = time.perf_counter() + seconds if seconds else None
    while (end and time.perf_counter() < end) or (until and not until.is_set()):
        times.append(get(READS[i % len(READS)]))
        i += 1
    return times

for path in READS:
    get(path)  # warm up
before = reads_for(seconds=5)
form = opener.open(base + "/segments").read().decode()
name, value = re.search(r'<input type="hidden" name="([^"]+)" value="([^"]+)">', form).groups()
body = urllib.parse.urlencode([(name, value.replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=")), ("algorithm", "kmeans"), ("k", k),
                               ("scaling", "standard"), ("features", "recency"), ("features", "frequency"), ("features", "monetary")]).encode()
done = threading.Event()
during = []
reader = threading.Thread(target=lambda: during.extend(reads_for(until=done)))
request = urllib.request.Request(base + "/segments/run", data=body, headers={"Accept": "application/json"})
clicked = time.perf_counter()
reader.start()
job = json.loads(opener.open(request).read())
while job["state"] not in ("Succeeded", "Failed"):
    time.sleep(0.05)
    job = json.loads(opener.open(base + "/api/jobs/" + job["id"]).read())
click_to_result = time.perf_counter() - clicked
done.set()
reader.join()
print(f"job {job['state']}: {job['message']}")
print(f"reads before:  n={len(before):5d} p50={sorted(before)[len(before)//2]*1000:7.1f} ms p95={p95(before):7.1f} ms max={max(before)*1000:7.1f} ms")
print(f"reads during:  n={len(during):5d} p50={sorted(during)[len(during)//2]*1000:7.1f} ms p95={p95(during):7.1f} ms max={max(during)*1000:7.1f} ms")
print(f"click to result (POST to job succeeded): {click_to_result:.2f} s; job's own time {job['seconds']:.2f} s")
