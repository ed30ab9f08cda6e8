#!/usr/bin/env python3
"""Click-to-result of a dashboard K-Means re-run (issue 18): POST /segments/run -> job Succeeded -> the new segments
readable from /api/segments?segmentation=kmeans (as many segments as asked for, from the new snapshot). Prints the
job's own step timings when the server reports them. Optionally cancels a second re-run after a delay and times how
long the cancel takes to return the app to the previous snapshot.
Usage: python3 bench/web/click_to_result.py URL [--pid PID] [k ...]            e.g. URL 5 4 6   (one re-run per k, in order)
       python3 bench/web/click_to_result.py URL [--pid PID] --cancel SECONDS k   (start a re-run with k, cancel it after SECONDS)
--pid: the server's process id; the server's CPU seconds (user + system, /proc) from click to result are printed too,
the measure to compare on a loaded machine."""
import http.cookiejar, json, os, re, sys, time, urllib.parse, urllib.request

base = sys.argv[1].rstrip("/")
args = sys.argv[2:]
cancel_after = None
pid = None
if args and args[0] == "--pid":
    pid, args = args[1], args[2:]
if args and args[0] == "--cancel":
    cancel_after, args = float(args[1]), args[2:]
ks = args or ["5"]
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def get_json(path):
    with opener.open(base + path) as r:
        return json.loads(r.read())


def start(k):
    form = opener.open(base + "/segments").read().decode()
    name, value = re.search(r'<input type="hidden" name="([^"]+)" value="([^"]+)">', form).groups()
    value = value.replace("&#x2B;", "+").replace("&#x2F;", "/").replace("&#x3D;", "=")
    body = urllib.parse.urlencode([(name, value), ("algorithm", "kmeans"), ("k", k), ("scaling", "standard"),
                                   ("features", "recency"), ("features", "frequency"), ("features", "monetary")]).encode()
    request = urllib.request.Request(base + "/segments/run", data=body, headers={"Accept": "application/json"})
    clicked = time.perf_counter()
    return clicked, json.loads(opener.open(request).read())


def wait(job, states):
    while job["state"] not in states:
        time.sleep(0.02)
        job = get_json("/api/jobs/" + job["id"])
    return job


def kmeans_ids():
    return sorted(s["segmentId"] if "segmentId" in s else s.get("id") for s in get_json("/api/segments?segmentation=kmeans"))


def cpu():
    if pid is None:
        return 0.0
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def idle():
    # A follow-up job of the previous re-run (recommendations) would compete for the CPU: start from a quiet server.
    while any(j["state"] in ("Queued", "Running") for j in get_json("/api/jobs")):
        time.sleep(0.2)


for k in ks:
    idle()
    if cancel_after is not None:
        before = get_json("/api/segments?segmentation=kmeans")
        clicked, job = start(k)
        time.sleep(cancel_after)
        asked = time.perf_counter()
        request = urllib.request.Request(base + "/api/jobs/" + job["id"], method="DELETE")
        opener.open(request).read()
        job = wait(job, ("Succeeded", "Failed", "Cancelled"))
        stopped = time.perf_counter() - asked
        after = get_json("/api/segments?segmentation=kmeans")
        print(f"cancel after {cancel_after:.1f} s: job {job['state']} {stopped:.2f} s after DELETE (step then: {job.get('step')}); "
              f"segments unchanged: {before == after}")
    else:
        used = cpu()
        clicked, job = start(k)
        job = wait(job, ("Succeeded", "Failed", "Cancelled"))
        done = time.perf_counter() - clicked
        # The new result is readable when the kmeans segmentation has k segments (a segment "outside the clusters" may add one).
        segments = get_json("/api/segments?segmentation=kmeans")
        readable = time.perf_counter() - clicked
        used = cpu() - used
        print(f"k={k}: job {job['state']} in {job['seconds']:.2f} s; click to job done {done:.2f} s; click to result read {readable:.2f} s "
              f"({len(segments)} kmeans segments)" + (f"; server CPU {used:.2f} s" if pid else ""))
    for t in job.get("timings") or []:
        print(f"    {t['step']:<40} {t['seconds']:7.3f} s wall {t.get('cpuSeconds', 0):7.3f} s CPU (process)")
