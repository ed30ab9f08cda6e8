#!/usr/bin/python3
"""scikit-learn's KMeans on the 1,000,000 x 8 matrix written by `dotnet run -c Release --project bench/Segmenta.Bench -- kmeans-1m DIR`,
from the same k-means++ start (init=array, n_init=1), for the side-by-side timing in docs/benchmarks.md.
Usage: sklearn_kmeans_1m.py DIR [algorithm: lloyd|elkan]"""
import resource, sys, time
import numpy as np, sklearn
from sklearn.cluster import KMeans

directory = sys.argv[1] if len(sys.argv) > 1 else "/tmp/segmenta-kmeans-1m"
algorithm = sys.argv[2] if len(sys.argv) > 2 else "lloyd"
x = np.fromfile(f"{directory}/x.f64", dtype="<f8").reshape(-1, 8)
init = np.fromfile(f"{directory}/init.f64", dtype="<f8").reshape(-1, 8)
KMeans(n_clusters=8, init=init, n_init=1, algorithm=algorithm).fit(x[:20000])  # warm-up
times = []
for repeat in range(5):
    start = time.perf_counter()
    km = KMeans(n_clusters=8, init=init, n_init=1, algorithm=algorithm, max_iter=300, tol=1e-4).fit(x)
    times.append(time.perf_counter() - start)
seconds = sorted(times)[2]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
print(f"sklearn {sklearn.__version__} {algorithm} kmeans 1M x 8, k=8, n_init=1: median of 5 {seconds:.3f} s, inertia {km.inertia_:.3f}, "
      f"iterations {km.n_iter_}, peak RSS {peak:.0f} MB")
