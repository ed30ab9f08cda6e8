#!/usr/bin/python3
"""Independent reference for the segmentation of the shared data (issue 12), with Debian's python3-sklearn.

Input: tests/Segmenta.Tests/Data/segmentation/default_rfm.csv, the 4,333 customers of `segmenta analyze
data/online-retail.csv.gz` (default cleaning preset): CustomerId, Recency (days), Frequency (orders), Monetary (net).

Re-implements Segmenta's documented preprocessing in numpy (docs/segmentation.md):
- transform by feature kind: recency, frequency -> log(1 + x); monetary -> sign(x) * log(1 + |x|);
- StandardScaler (population sd);
- extreme customers: z > 5 on some feature (upper side only), set apart when fewer than 2 % of customers.
Then:
- KMeans(n_clusters=k, n_init=10, random_state=0) for k = 2..10 on the remaining customers: labels per k
  -> default_rfm_sklearn_kmeans_labels.csv (CustomerId, extreme flag, k2..k10);
- GaussianMixture(full, reg_covar=1e-6, tol=1e-4, max_iter=300, n_init=3, random_state=0) for k = 2..10 on
  uniformly dequantised counts (recency and frequency + U(-0.5, 0.5), numpy seed 0, before the log; centre and
  scale from the customers' own values), and for comparison on the raw integer counts:
  BIC, mean log-likelihood and the smallest component variance per k -> printed (sklearn_segmentation.out.txt).
Run: python3 tests/reference/sklearn_segmentation.py > tests/reference/sklearn_segmentation.out.txt
"""
import numpy as np, pandas as pd, sklearn
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture

base = "tests/Segmenta.Tests/Data/segmentation/"
df = pd.read_csv(base + "default_rfm.csv", dtype={"CustomerId": str})
raw = df[["Recency", "Frequency", "Monetary"]].to_numpy(float)

def shape(values):
    out = np.empty_like(values)
    out[:, 0] = np.log1p(np.maximum(values[:, 0], 0))
    out[:, 1] = np.log1p(np.maximum(values[:, 1], 0))
    out[:, 2] = np.sign(values[:, 2]) * np.log1p(np.abs(values[:, 2]))
    return out

t = shape(raw)
center, scale = t.mean(axis=0), t.std(axis=0)
z = (t - center) / scale
extreme = (z > 5).any(axis=1)
if extreme.sum() >= 0.02 * len(z):
    extreme[:] = False
print("sklearn", sklearn.__version__, "customers", len(z), "extreme", int(extreme.sum()),
      "ids", " ".join(df["CustomerId"][extreme]))
x = z[~extreme]

labels = pd.DataFrame({"CustomerId": df["CustomerId"], "Extreme": extreme.astype(int)})
for k in range(2, 11):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
    column = np.full(len(z), -1)
    column[~extreme] = km.labels_
    labels[f"k{k}"] = column
    sizes = np.bincount(km.labels_)
    print(f"kmeans k={k} inertia={km.inertia_:.2f} smallest_share={sizes.min() / len(x):.4f}")
labels.to_csv(base + "default_rfm_sklearn_kmeans_labels.csv", index=False)

rng = np.random.default_rng(0)
jittered = raw.copy()
jittered[:, :2] += rng.uniform(-0.5, 0.5, size=(len(raw), 2))
xd = ((shape(jittered) - center) / scale)[~extreme]
for name, data in (("dequantised", xd), ("integer", x)):
    for k in range(2, 11):
        gm = GaussianMixture(n_components=k, covariance_type="full", reg_covar=1e-6, tol=1e-4, max_iter=300,
                             n_init=3, random_state=0).fit(data)
        smallest = min(np.diag(c).min() for c in gm.covariances_)
        print(f"gmm {name} k={k} bic={gm.bic(data):.1f} mean_log_likelihood={gm.score(data):.6f} smallest_variance={smallest:.3g}")
