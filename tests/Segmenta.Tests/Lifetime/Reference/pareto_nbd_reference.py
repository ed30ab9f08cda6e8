#!/usr/bin/python3
"""Independent values of the Pareto/NBD log-likelihood per customer, at 40 digits with mpmath (Debian's python3-mpmath).

Run from the repository root:  /usr/bin/python3 tests/Segmenta.Tests/Lifetime/Reference/pareto_nbd_reference.py
Its output (pareto_nbd_reference.txt beside it) is copied into ParetoNbdBoundaryTests.cs.

The likelihood is the textbook one (Fader & Hardie 2005, "A note on deriving the Pareto/NBD model", eq. 9-10):
  L = Γ(r+x)/Γ(r) α^r β^s [ (α+T)^-(r+x) (β+T)^-s + s/(r+s+x) (F(t_x) − F(T)) ],
  F(y) = 2F1(r+s+x, b; r+s+x+1; |α−β|/(L+y)) / (L+y)^(r+s+x), L = max(α, β), b = s+1 if α ≥ β else r+x,
evaluated with mpmath.hyp2f1 at 40 digits. Where mpmath's 2F1 does not converge (s and β both huge) the died term is
taken as s ∫ (α+τ)^-(r+x) (β+τ)^-(s+1) dτ over (t_x, T] with mpmath.quad on intervals refined towards t_x. Both are
independent of Segmenta's evaluation (series up to z = 0.8, Gauss-Legendre quadrature in log(1 + τ/m) beyond).
Columns: r alpha s beta x t_x T log-likelihood P(alive).
"""
import mpmath as mp

mp.mp.dps = 40

CASES = [
    # CDNOW fit (α ≈ β: the 2F1 series)
    (0.553, 10.578, 0.606, 11.669, 2, 30.43, 38.86),
    (0.553, 10.578, 0.606, 11.669, 0, 0, 38.86),
    (0.553, 10.578, 0.606, 11.669, 7, 35.71, 38.86),
    # the UCI fit at s -> 0 (β far above α: quadrature)
    (0.8239, 9.8915, 1e-6, 6132.0, 0, 0, 40.0),
    (0.8239, 9.8915, 1e-6, 6132.0, 25, 38.5, 40.0),
    # s and β -> infinity together (one dropout rate s/β)
    (0.8589, 11.07, 1.9e7, 5.5e10, 0, 0, 52.0),
    (0.8589, 11.07, 1.9e7, 5.5e10, 4, 20.0, 52.0),
    (0.8, 10.0, 1e9, 1e11, 150, 51.0, 52.0),
    # α tiny, β large (t_x = 0 far from the smaller scale)
    (0.5, 1e-5, 0.5, 1e5, 0, 0, 50.0),
    (0.5, 1e-5, 0.5, 1e5, 3, 0.5, 50.0),
    # α far above β (the other 2F1 form), heavy buyer
    (2.0, 500.0, 1.5, 0.2, 60, 45.0, 52.0),
    (0.3, 40.0, 0.05, 1.0, 1, 2.0, 30.0),
]


def died(r, a, s, b, x, tx, t):
    rsx = r + s + x
    if a >= b:
        big, second = a, s + 1
    else:
        big, second = b, r + x
    try:
        def f(y):
            return mp.hyp2f1(rsx, second, rsx + 1, abs(a - b) / (big + y)) * (big + y) ** (-rsx)
        return s / rsx * (f(tx) - f(t))
    except (mp.libmp.NoConvergence, ValueError, ZeroDivisionError):
        points = sorted({tx + (t - tx) * mp.mpf(2) ** (-k) for k in range(80)} | {tx, t})
        return s * mp.quad(lambda u: (a + u) ** (-(r + x)) * (b + u) ** (-(s + 1)), points)


def main():
    for case in CASES:
        r, a, s, b, x, tx, t = (mp.mpf(v) for v in case)
        head = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(a) + s * mp.log(b)
        alive = (a + t) ** (-(r + x)) * (b + t) ** (-s)
        dead = died(r, a, s, b, x, tx, t) if tx < t else mp.mpf(0)
        ll = head + mp.log(alive + dead)
        p_alive = alive / (alive + dead)
        print(" ".join(repr(v) for v in case), mp.nstr(ll, 17), mp.nstr(p_alive, 17))


if __name__ == "__main__":
    main()
