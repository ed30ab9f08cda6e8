#!/usr/bin/python3
"""Independent reference numbers for Segmenta's lifetime models, computed with SciPy (Debian's python3-scipy).

Run from the repository root:  /usr/bin/python3 tests/Segmenta.Tests/Lifetime/Reference/cdnow_reference.py
It reads ../shared/data/cdnow/CDNOW_sample.txt, builds the customer summary itself (weeks, calibration to
1997-09-30, same-day purchases merged), fits BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma with scipy.optimize and
evaluates the conditional expectations with scipy.special.hyp2f1. Its output (cdnow_reference.txt beside it) is
copied into CdnowReferenceTests.cs.
"""
import datetime as dt
import os
import sys
from collections import defaultdict

import numpy as np
from scipy.optimize import minimize
from scipy.special import betaln, gammaln, hyp2f1

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), *[".."] * 4))
SAMPLE = os.path.join(ROOT, "..", "shared", "data", "cdnow", "CDNOW_sample.txt")
CAL_END = dt.date(1997, 9, 30)
OBS_END = dt.date(1998, 6, 30)

days = defaultdict(lambda: defaultdict(float))
for line in open(SAMPLE):
    f = line.split()
    if f:
        d = dt.datetime.strptime(f[2], "%Y%m%d").date()
        days[f[0]][d] += float(f[4])

X, TX, T, M, HOLD = [], [], [], [], []
for cust, byday in days.items():
    ds = sorted(byday)
    cal = [d for d in ds if d <= CAL_END]
    if not cal:
        continue
    X.append(len(cal) - 1)
    TX.append((cal[-1] - cal[0]).days / 7)
    T.append((CAL_END - cal[0]).days / 7)
    M.append(np.mean([byday[d] for d in cal[1:]]) if len(cal) > 1 else 0.0)
    HOLD.append(sum(1 for d in ds if CAL_END < d <= OBS_END))
X, TX, T, M, HOLD = map(np.array, (X, TX, T, M, HOLD))


def bgnbd_ll(p, x, tx, t):
    r, alpha, a, b = p
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x) - betaln(a, b)
    a3 = -(r + x) * np.log(alpha + t)
    a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(alpha + tx), -np.inf)
    return a1 + a2 + np.logaddexp(a3, a4)


def mbgnbd_ll(p, x, tx, t):
    r, alpha, a, b = p
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = betaln(a, b + x + 1) - betaln(a, b)
    return a1 + a2 + np.logaddexp(-(r + x) * np.log(alpha + t), np.log(a) - np.log(b + x) - (r + x) * np.log(alpha + tx))


def pnbd_ll(p, x, tx, t):
    r, alpha, s, beta = p
    rsx = r + s + x
    if alpha >= beta:
        big, second = alpha, s + 1
    else:
        big, second = beta, r + x
    gap = abs(alpha - beta)
    u = np.log(hyp2f1(rsx, second, rsx + 1, gap / (big + tx))) - rsx * np.log(big + tx)
    v = np.log(hyp2f1(rsx, second, rsx + 1, gap / (big + t))) - rsx * np.log(big + t)
    log_a0 = u + np.log(-np.expm1(np.minimum(v - u, -1e-300)))
    log_a0 = np.where(v >= u, -np.inf, log_a0)
    alive = -(r + x) * np.log(alpha + t) - s * np.log(beta + t)
    return gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta) + np.logaddexp(alive, np.log(s) - np.log(rsx) + log_a0)


def gg_ll(p, x, m):
    pp, q, g = p
    px = pp * x
    return gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(g) + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(g + m * x)


def fit(ll, start, *data):
    f = lambda u: -np.sum(ll(np.exp(u), *data))
    best = minimize(f, np.log(start), method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 40000, "maxfev": 40000})
    best = minimize(f, best.x, method="BFGS", options={"gtol": 1e-9})
    return np.exp(best.x), -best.fun


def bgnbd_expected(p, t, x, tx, T):
    r, alpha, a, b = p
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    num = (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp)
    return num / (1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def bgnbd_alive(p, x, tx, T):
    r, alpha, a, b = p
    return 1.0 if x == 0 else 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x))


def mbgnbd_expected(p, t, x, tx, T):
    r, alpha, a, b = p
    hyp = hyp2f1(r + x, b + x + 1, a + b + x, t / (alpha + T + t))
    num = (a + b + x) / (a - 1) * (1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x))
    return num / (1 + a / (b + x) * ((alpha + T) / (alpha + tx)) ** (r + x))


def mbgnbd_alive(p, x, tx, T):
    r, alpha, a, b = p
    return 1 / (1 + a / (b + x) * ((alpha + T) / (alpha + tx)) ** (r + x))


def pnbd_alive(p, x, tx, T):
    r, alpha, s, beta = p
    alive = -(r + x) * np.log(alpha + T) - s * np.log(beta + T)
    total = pnbd_ll(p, x, tx, T) - (gammaln(r + x) - gammaln(r) + r * np.log(alpha) + s * np.log(beta))
    return float(np.exp(alive - total))


def pnbd_expected(p, t, x, tx, T):
    r, alpha, s, beta = p
    return (r + x) * (beta + T) / ((alpha + T) * (s - 1)) * (1 - ((beta + T) / (beta + T + t)) ** (s - 1)) * pnbd_alive(p, x, tx, T)


def gg_spend(p, x, m):
    pp, q, g = p
    return pp * (g + x * m) / (pp * x + q - 1)


out = []
emit = lambda *v: out.append(" ".join(str(x) for x in v))
emit("customers", len(X), "repeat", int(np.sum(X > 0)), "holdout_purchases", int(HOLD.sum()))
bg, bg_ll = fit(bgnbd_ll, [1, 1, 1, 1], X, TX, T)
emit("bgnbd", *["%.9g" % v for v in bg], "%.6f" % bg_ll)
pn, pn_ll = fit(pnbd_ll, [1, 1, 1, 1], X, TX, T)
emit("pareto-nbd", *["%.9g" % v for v in pn], "%.6f" % pn_ll)
mb, mb_ll = fit(mbgnbd_ll, [1, 1, 1, 1], X, TX, T)
emit("mbgnbd", *["%.9g" % v for v in mb], "%.6f" % mb_ll)
rep = X > 0
gg, gg_l = fit(gg_ll, [1, 1, 1], X[rep], M[rep])
emit("gamma-gamma", *["%.9g" % v for v in gg], "%.6f" % gg_l)
# Conditional expectations at fixed parameters (the published ones), for chosen customer summaries:
# name x t_x T horizon -> P(alive) E[purchases]
BG = (0.243, 4.414, 0.793, 2.426)
PN = (0.553, 10.578, 0.606, 11.669)
MB = (0.525, 6.183, 0.891, 1.614)
GG = (6.25, 3.74, 15.44)
for name, x, tx, T0, t in [("paper", 2, 30.43, 38.86, 39), ("none", 0, 0, 38.86, 52), ("many", 7, 35.71, 38.86, 39),
                           ("lapsed", 5, 10.0, 38.0, 26), ("new", 1, 1.0, 2.0, 52)]:
    emit("bgnbd-cond", name, x, tx, T0, t, "%.12g" % bgnbd_alive(BG, x, tx, T0), "%.12g" % bgnbd_expected(BG, t, x, tx, T0))
    emit("pareto-nbd-cond", name, x, tx, T0, t, "%.12g" % pnbd_alive(PN, x, tx, T0), "%.12g" % pnbd_expected(PN, t, x, tx, T0))
    emit("mbgnbd-cond", name, x, tx, T0, t, "%.12g" % mbgnbd_alive(MB, x, tx, T0), "%.12g" % mbgnbd_expected(MB, t, x, tx, T0))
for x, m in [(1, 20.0), (4, 35.5), (10, 12.0)]:
    emit("gamma-gamma-cond", x, m, "%.12g" % gg_spend(GG, x, m))
# Holdout: the sum over calibration customers of the expected purchases in the 39-week holdout at the fitted BG/NBD.
emit("bgnbd-holdout-total", "%.9g" % sum(bgnbd_expected(bg, 39, x, tx, t) for x, tx, t in zip(X, TX, T)))
text = "\n".join(out) + "\n"
open(os.path.join(os.path.dirname(__file__), "cdnow_reference.txt"), "w").write(text)
sys.stdout.write(text)
