#!/usr/bin/python3
"""Independent reference for the churn-risk tier (ChurnRiskTiers, ChurnHoldout; issue #17), SciPy from Debian.

Run from the repository root:  /usr/bin/python3 tests/Segmenta.Tests/Lifetime/Reference/churn_reference.py
Output: churn_reference.txt beside it, asserted by ChurnRiskTests (part 1 runs dblquads: minutes on a loaded machine).

1. The probability of no purchase in (T, T + t] given (x, t_x, T), the quantity the tier reads, two ways:
   a. the closed forms derived in docs/lifetime.md: BG/NBD and MBG/NBD 1 - P(alive) + P(alive) ((alpha+T)/(alpha+T+t))^(r+x);
      Pareto/NBD 1 - P(alive) + P(alive) E[e^-(lam+mu)t + mu/(lam+mu) (1 - e^-(lam+mu)t)] over the alive posterior
      lam ~ gamma(r+x, alpha+T), mu ~ gamma(s, beta+T) (scipy.integrate.dblquad of the product density);
   b. straight from the model's definition: P(data and no purchase in the window) / P(data), each a double integral over
      the prior of the customer's rates (lambda, p) or (lambda, mu) with scipy.integrate.dblquad; no P(alive) formula used.
   Parameters: the CDNOW fits of cdnow_reference.txt (weeks), t = 90/7 weeks (the default 90-day churn horizon).
2. The UCI holdout (calibration end 2011-09-09, the data end 2011-12-09, 13 weeks; and 2011-06-09 / 2011-09-09): BG/NBD
   fitted with scipy.optimize on uci_holdout_summary.csv.gz (as uci_holdout_reference.py), each calibration customer's
   probability of no purchase over the 13 weeks, the tiers (<= 0.3 Low, <= 0.7 Medium, above High), how many of each tier
   bought in the holdout; recency alone (T - t_x, longest first, ties in customer-id order) cut into tiers of the same
   sizes; and the AUC (Mann-Whitney, average ranks for ties) of each score for "no purchase in the holdout".
"""
import csv, gzip, os, datetime as dt
import warnings
import numpy as np
from scipy.integrate import dblquad
from scipy.optimize import minimize
from scipy.special import gammaln, betaln
from scipy.stats import rankdata, gamma

warnings.simplefilter("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
out = []
def emit(*a):
    out.append(" ".join(str(v) for v in a))

# ---------- 1. P(no purchase in (T, T+t] | x, t_x, T)
BG = (0.242594527, 4.41360233, 0.792922064, 2.42590686)
PN = (0.553277049, 10.5776838, 0.606240175, 11.6687411)
MB = (0.524843065, 6.18308453, 0.891359424, 1.61400254)
H = 90 / 7
CUSTOMERS = [("paper", 2, 30.43, 38.86), ("none", 0, 0.0, 38.86), ("lapsed", 5, 10.0, 38.0), ("new", 1, 1.0, 2.0)]

def bg_alive(par, x, tx, T, modified):
    r, al, a, b = par
    if modified:
        return 1 / (1 + a / (b + x) * ((al + T) / (al + tx)) ** (r + x))
    return 1.0 if x == 0 else 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))

def bg_closed(par, x, tx, T, modified):
    r, al, a, b = par
    pa = bg_alive(par, x, tx, T, modified)
    return 1 - pa + pa * ((al + T) / (al + T + H)) ** (r + x)

def pareto_alive(par, x, tx, T):
    r, al, s, be = par
    # P(alive) by 1-D quadrature of the died-in-(t_x, T] term (Fader & Hardie 2005 note, before the 2F1 closed form).
    from scipy.integrate import quad
    alive = (al / (al + T)) ** (r + x) * (be / (be + T)) ** s
    died = quad(lambda u: s / be * (be / (be + u)) ** (s + 1) * (al / (al + u)) ** (r + x), tx, T, epsabs=0, epsrel=1e-12)[0]
    return alive / (alive + died)

def pareto_closed(par, x, tx, T):
    r, al, s, be = par
    pa = pareto_alive(par, x, tx, T)
    ga, gm = gamma(r + x, scale=1 / (al + T)), gamma(s, scale=1 / (be + T))
    def f(mu, lam):
        z = (lam + mu) * H
        return ga.pdf(lam) * gm.pdf(mu) * (np.exp(-z) + mu / (lam + mu) * -np.expm1(-z))
    inside = dblquad(f, 0, np.inf, 0, np.inf, epsabs=0, epsrel=1e-10)[0]
    return 1 - pa + pa * inside

def bg_definition(par, x, tx, T, modified):
    r, al, a, b = par
    shift = 1 if modified else 0
    lg = r * np.log(al) - gammaln(r) - betaln(a, b)
    def weight(lam, p):
        return np.exp(lg + (r - 1 + x) * np.log(lam) - al * lam + (a - 1) * np.log(p) + (b - 1) * np.log1p(-p))
    def alive(lam, p):  # no dropout after the x-th purchase (nor at time 0 for MBG/NBD), no purchase in (t_x, T]
        return (1 - p) ** (x + shift) * np.exp(-lam * T)
    def dead(lam, p):   # dropped out right after the last purchase (or at time 0 for MBG/NBD)
        return p * (1 - p) ** (x - 1 + shift) * np.exp(-lam * tx) if (x > 0 or modified) else 0.0
    opts = dict(epsabs=0, epsrel=1e-9)
    # alive at T: the next purchase (after which dropout can first happen) must fall after T + t
    num = dblquad(lambda p, lam: weight(lam, p) * (alive(lam, p) * np.exp(-lam * H) + dead(lam, p)), 0, np.inf, 0, 1, **opts)[0]
    den = dblquad(lambda p, lam: weight(lam, p) * (alive(lam, p) + dead(lam, p)), 0, np.inf, 0, 1, **opts)[0]
    return num / den

def pareto_definition(par, x, tx, T):
    r, al, s, be = par
    lg = r * np.log(al) - gammaln(r) + s * np.log(be) - gammaln(s)
    def weight(lam, mu):
        return np.exp(lg + (r - 1 + x) * np.log(lam) - al * lam + (s - 1) * np.log(mu) - be * mu)
    def alive(lam, mu):
        return np.exp(-(lam + mu) * T)
    def died(lam, mu):
        return mu / (lam + mu) * (np.exp(-(lam + mu) * tx) - np.exp(-(lam + mu) * T))
    def quiet(lam, mu):  # alive at T: no purchase before min(remaining lifetime, t)
        z = (lam + mu) * H
        return np.exp(-z) + mu / (lam + mu) * -np.expm1(-z)
    opts = dict(epsabs=0, epsrel=1e-9)
    num = dblquad(lambda mu, lam: weight(lam, mu) * (alive(lam, mu) * quiet(lam, mu) + died(lam, mu)), 0, np.inf, 0, np.inf, **opts)[0]
    den = dblquad(lambda mu, lam: weight(lam, mu) * (alive(lam, mu) + died(lam, mu)), 0, np.inf, 0, np.inf, **opts)[0]
    return num / den

# ---------- 2. the UCI holdouts
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
    return np.exp(best.x), -best.fun

def auc(risk, silent):
    ranks = rankdata(risk)
    n1, n0 = silent.sum(), (~silent).sum()
    return (ranks[silent].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)

def tiers_of(p0):
    return np.where(p0 <= 0.3, 0, np.where(p0 <= 0.7, 1, 2))

NAMES = ["Low", "Medium", "High"]
rows = {}
with gzip.open(os.path.join(HERE, "uci_holdout_summary.csv.gz"), "rt") as f:
    for r in csv.DictReader(f):
        rows.setdefault((r["CalibrationEnd"], r["ObservationEnd"]), []).append(r)
emit("columns", "split ranking tier customers buyers share auc")
for (cal, obs), rs in rows.items():
    rs = sorted(rs, key=lambda r: r["CustomerId"])
    x = np.array([float(r["X"]) for r in rs]); tx = np.array([float(r["TxDays"]) for r in rs]) / 7
    T = np.array([float(r["TDays"]) for r in rs]) / 7; y = np.array([float(r["HoldoutPurchases"]) for r in rs])
    t = (dt.date.fromisoformat(obs) - dt.date.fromisoformat(cal)).days / 7
    par, ll = fit(x, tx, T)
    r_, al, a, b = par
    pa = 1 / (1 + np.where(x > 0, a / np.maximum(b + x - 1, 1e-300) * ((al + T) / (al + tx)) ** (r_ + x), 0))
    p0 = 1 - pa + pa * ((al + T) / (al + T + t)) ** (r_ + x)
    emit("fit", cal, obs, "r alpha a b", *[f"{v:.6g}" for v in par], "ll", f"{ll:.4f}", "weeks", f"{t:.6g}")
    silent = y == 0
    model = tiers_of(p0)
    recency = T - tx
    order = sorted(range(len(x)), key=lambda i: (-recency[i], i))
    sizes = [int((model == k).sum()) for k in range(3)]
    by_recency = np.zeros(len(x), int)
    for rank, i in enumerate(order):
        by_recency[i] = 2 if rank < sizes[2] else (1 if rank < sizes[2] + sizes[1] else 0)
    for ranking, tiers, score in (("model", model, p0), ("recency", by_recency, recency)):
        for k in range(3):
            m = tiers == k
            emit("tier", cal, ranking, NAMES[k], int(m.sum()), int((~silent[m]).sum()), f"{(~silent[m]).mean():.6f}", "")
        emit("tier", cal, ranking, "total", len(x), int((~silent).sum()), f"{(~silent).mean():.6f}", f"{auc(score, silent):.6f}")
    emit("auc", cal, "p-alive", f"{auc(1 - pa, silent):.6f}", "frequency-only", f"{auc(-x, silent):.6f}")

def save():
    with open(os.path.join(HERE, "churn_reference.txt"), "w") as f:
        f.write("\n".join(out) + "\n")

save()  # part 2 first: seconds; part 1's double integrals take minutes
emit("columns", "model customer x t_x T horizon closed definition")
for name, x, tx, T in CUSTOMERS:
    emit("p0", "bgnbd", name, x, tx, T, f"{H:.10g}", f"{bg_closed(BG, x, tx, T, False):.12g}", f"{bg_definition(BG, x, tx, T, False):.12g}")
    emit("p0", "mbgnbd", name, x, tx, T, f"{H:.10g}", f"{bg_closed(MB, x, tx, T, True):.12g}", f"{bg_definition(MB, x, tx, T, True):.12g}")
    emit("p0", "pareto-nbd", name, x, tx, T, f"{H:.10g}", f"{pareto_closed(PN, x, tx, T):.12g}", f"{pareto_definition(PN, x, tx, T):.12g}")
    save()

print("\n".join(out))
