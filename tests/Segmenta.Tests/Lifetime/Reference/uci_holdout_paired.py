#!/usr/bin/python3
"""Paired per-customer comparison of the UCI holdout forecasts (issue #17, session 8), SciPy from Debian.

Run from the repository root:  /usr/bin/python3 tests/Segmenta.Tests/Lifetime/Reference/uci_holdout_paired.py
Output: uci_holdout_paired.txt beside it, asserted by RealDataLifetimeTests.

Input: the calibration summaries Segmenta's SQL built from the shared UCI Online Retail file (uci_holdout_summary.csv.gz,
the same input as uci_holdout_reference.py). For each split: BG/NBD fitted with scipy.optimize (it ends at the NBD limit,
a -> 0), each customer's median holdout count under the fitted model (the closed form of Fader, Hardie & Lee 2005,
eq. 8, with the posterior (r+x, alpha+T, a, b+x)) and under the naive baseline (Poisson with the past rate x/T), and per
customer d = |model median - actual| - |naive median - actual|. Reported per group: customers where the model is closer
(d < 0), where the naive is closer (d > 0), ties, the sum of d (the MAE difference times the customers) and the exact
two-sided sign test (scipy.stats.binomtest) on the untied customers.
"""
import csv, gzip, os, datetime as dt
import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, betaln
from scipy.stats import poisson, binomtest

HERE = os.path.dirname(os.path.abspath(__file__))

def bg_ll(u, x, tx, T):
    r, al, a, b = np.exp(u)
    head = gammaln(r + x) - gammaln(r) + r * np.log(al) + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    alive = -(r + x) * np.log(al + T)
    dead = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return head + np.logaddexp(alive, dead)

def fit(x, tx, T):
    best = None
    for start in ([0, np.log(10), 0, 0], [0, np.log(20), np.log(0.5), np.log(2)]):
        res = minimize(lambda u: -bg_ll(u, x, tx, T).sum(), start, method="Nelder-Mead", options=dict(maxiter=20000, xatol=1e-10, fatol=1e-10))
        res = minimize(lambda u: -bg_ll(u, x, tx, T).sum(), res.x, method="L-BFGS-B", bounds=[(-25, 25)] * 4)
        best = res if best is None or res.fun < best.fun else best
    return np.exp(best.x)

def p_alive(par, x, tx, T):
    r, al, a, b = par
    return 1 / (1 + (a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x) if x > 0 else 0))

def process(k, t, r, al, a, b):
    lnb = lambda j: gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * np.log(al / (al + t)) + j * np.log(t / (al + t))
    p = np.exp(betaln(a, b + k) - betaln(a, b) + lnb(k))
    if k > 0:
        p += np.exp(betaln(a + 1, b + k - 1) - betaln(a, b)) * (1 - sum(np.exp(lnb(j)) for j in range(k)))
    return p

def median(par, t, x, tx, T):
    r, al, a, b = par
    pa = p_alive(par, x, tx, T)
    c, k = 0.0, 0
    while True:
        c += pa * process(k, t, r + x, al + T, a, b + x) + (1 - pa if k == 0 else 0)
        if c >= 0.5:
            return k
        k += 1

out = []
rows = {}
with gzip.open(os.path.join(HERE, "uci_holdout_summary.csv.gz"), "rt") as f:
    for r in csv.DictReader(f):
        rows.setdefault((r["CalibrationEnd"], r["ObservationEnd"]), []).append(r)
for (cal, obs), rs in rows.items():
    x = np.array([float(r["X"]) for r in rs]); tx = np.array([float(r["TxDays"]) for r in rs]) / 7
    T = np.array([float(r["TDays"]) for r in rs]) / 7; y = np.array([float(r["HoldoutPurchases"]) for r in rs])
    t = (dt.date.fromisoformat(obs) - dt.date.fromisoformat(cal)).days / 7
    par = fit(x, tx, T)
    cache = {}
    med = np.array([cache.setdefault(key, median(par, t, *key)) for key in zip(x, tx, T)])
    rate = np.where(T > 0, x / np.where(T > 0, T, 1) * t, 0)
    base = np.where(rate > 0, poisson.ppf(0.5, np.maximum(rate, 1e-300)), 0)
    d = np.abs(med - y) - np.abs(base - y)
    first = np.array([dt.date.fromisoformat(cal) - dt.timedelta(days=int(r["TDays"])) for r in rs])
    groups = [(str(g) if g < 7 else "7+", np.minimum(x, 7) == g) for g in range(8)] + [("total", np.ones(len(x), bool)),
              ("first-month", first < dt.date(2011, 1, 1)), ("later", first >= dt.date(2011, 1, 1))]
    for name, m in groups:
        better, worse = int((d[m] < 0).sum()), int((d[m] > 0).sum())
        p = binomtest(better, better + worse).pvalue if better + worse > 0 else 1.0
        out.append(f"sign {cal} {name} customers {int(m.sum())} model_closer {better} naive_closer {worse} tied {int((d[m] == 0).sum())} sum_difference {d[m].sum():.0f} p {p:.6g}")
with open(os.path.join(HERE, "uci_holdout_paired.txt"), "w") as f:
    f.write("\n".join(out) + "\n")
print("\n".join(out))
