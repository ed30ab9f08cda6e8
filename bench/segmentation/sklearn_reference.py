#!/usr/bin/python3
"""Reference numbers for the segmentation tests, from Debian's python3-sklearn (1.2.1) and python3-pandas.

Input: tests/Segmenta.Tests/Data/segmentation/classic_rfm.csv (written by bench/spine/pandas_rfm.py: the classic
cleaning's 4,338 customers). Features log1p(R, F, M), StandardScaler. Prints inertia per k (n_init=10,
random_state=0), silhouette / Davies-Bouldin / Calinski-Harabasz at k=4, the GaussianMixture k=4 mean
log-likelihood, and writes sklearn's k=4 labels next to the input (classic_rfm_k4_labels.csv).
"""
import sys, time
import numpy as np, pandas as pd, sklearn
from sklearn.cluster import KMeans
from sklearn.mixture import GaussianMixture
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import silhouette_score, davies_bouldin_score, calinski_harabasz_score

path = sys.argv[1] if len(sys.argv) > 1 else "tests/Segmenta.Tests/Data/segmentation/classic_rfm.csv"
df = pd.read_csv(path, dtype={"CustomerID": str})
x = StandardScaler().fit_transform(np.log1p(df[["Recency", "Frequency", "Monetary"]].values))
print("sklearn", sklearn.__version__)
start = time.perf_counter()
for k in range(2, 11):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(x)
    print(f"k={k} inertia={km.inertia_:.2f}")
    if k == 4:
        labels = km.labels_
print(f"sweep seconds={time.perf_counter() - start:.2f}")
print(f"silhouette={silhouette_score(x, labels):.6f} davies_bouldin={davies_bouldin_score(x, labels):.6f} "
      f"calinski_harabasz={calinski_harabasz_score(x, labels):.4f}")
pd.DataFrame({"CustomerID": df["CustomerID"], "Label": labels}).to_csv(path.replace(".csv", "_k4_labels.csv"), index=False)
gmm = GaussianMixture(n_components=4, covariance_type="full", n_init=3, reg_covar=1e-6, random_state=0).fit(x)
print(f"gmm k=4 full mean_log_likelihood={gmm.score(x):.6f} bic={gmm.bic(x):.4f}")
