using MathNet.Numerics;
using MathNet.Numerics.Integration;
using Segmenta.Lifetime;

namespace Segmenta.Postgres;

/// <summary>
/// Pareto/NBD as SQL (session 15): <see cref="ParetoNbdModel"/>'s P(alive), expected purchases and probability of no
/// purchase, operation by operation in the C# order, over the distinct (x, t_x, T) of the table.
/// </summary>
/// <remarks>
/// P(alive) = exp(alive − log(alive + died)) (<see cref="ParetoNbdTail"/>). The died term is taken as C# takes it:
/// where z = |α − β| / (max(α, β) + t_x) is at most <see cref="ParetoNbdTail.SeriesLimit"/>, by Euler's transformed
/// 2F1 series (<see cref="Hypergeometric.LogAPlusOne"/>: its terms, and its stopping rule, which weighs the derivative
/// sums' factors too) at t_x and at T, summed by a recursive query once per distinct (x, y); above it, by 48-point
/// Gauss-Legendre quadrature in v = log(1 + τ/m) over an interval cut by Newton's method (a recursive query of at most
/// <see cref="ParetoNbdTail.NewtonSteps"/> steps from both ends, with the C# clamps), the nodes and weights as a VALUES
/// list. The probability of no purchase is <see cref="ParetoNbdModel.ProbabilityOfPurchases"/> at 0 purchases: its
/// 128-point quadrature over the churn horizon written as MathNet's <c>GaussLegendreRule.Integrate</c> sums it (pairs of
/// nodes symmetric about the middle, in the rule's order), once per distinct (x, T). Sums are ordered aggregates, so
/// they add in the C# order; log(1 + x) and eˣ − 1 are <see cref="LogMath"/>'s formulas; exp below e^-700 gives 0 (PostgreSQL
/// raises an underflow error where C returns a subnormal, which changes no sum it is added to).
/// </remarks>
internal sealed partial class SqlLifetimeValue
{
    private IEnumerable<string> ParetoStatements(ParetoNbdModel model, string table, string points)
    {
        var pareto = new ParetoSql(model, r, alpha, L);
        yield return "DROP TABLE IF EXISTS pareto_customers; DROP TABLE IF EXISTS pareto_logf; DROP TABLE IF EXISTS pareto_quadrature; DROP TABLE IF EXISTS pareto_alive; DROP TABLE IF EXISTS pareto_no_purchase; DROP TABLE IF EXISTS lifetime_expected";
        yield return $"CREATE TEMP TABLE pareto_customers AS SELECT DISTINCT x::double precision AS x, t_x, t FROM {table}";
        yield return pareto.LogFTable();
        yield return pareto.QuadratureTable();
        yield return pareto.AliveTable();
        yield return pareto.NoPurchaseTable(Inputs.ChurnHorizonDays / Inputs.UnitDays);
        yield return $"""
            CREATE TEMP TABLE lifetime_expected AS
            SELECT c.customer_id, p.d, greatest(0::double precision, ({r} + c.x) * ({pareto.Beta} + c.t) / ({alpha} + c.t) * {pareto.Bracket("q.ratio")} * a.p_alive) AS expected
            FROM (SELECT customer_id, x::double precision AS x, t_x, t FROM {table}) c
                 JOIN pareto_alive a ON a.x = c.x AND a.t_x = c.t_x AND a.t = c.t
                 CROSS JOIN (SELECT d, d / {unit} AS h FROM (VALUES {points}) v(d)) p
                 CROSS JOIN LATERAL (SELECT {ParetoSql.Log1P($"p.h / ({pareto.Beta} + c.t)")} AS ratio) q
            """;
        yield return $"""
            INSERT INTO customer_lifetime (customer_id, p_alive, expected_spend, p_no_purchase, churn_risk)
            SELECT customer_id, p_alive, expected_spend, p_no_purchase,
                   CASE WHEN p_no_purchase <= {L(ChurnRiskTiers.LowAtMost)} THEN 'Low' WHEN p_no_purchase <= {L(ChurnRiskTiers.MediumAtMost)} THEN 'Medium' ELSE 'High' END
            FROM (SELECT c.customer_id, a.p_alive, {ExpectedSpend()} AS expected_spend,
                         least(1::double precision, greatest(0::double precision, a.p_alive * (n.stays + n.ends) + (1 - a.p_alive))) AS p_no_purchase
                  FROM (SELECT customer_id, x::double precision AS x, t_x, t, spend_purchases, spend_sum FROM {table}) c
                       JOIN pareto_alive a ON a.x = c.x AND a.t_x = c.t_x AND a.t = c.t
                       JOIN pareto_no_purchase n ON n.x = c.x AND n.t = c.t) k
            """;
        yield return HorizonsInsert();
        yield return "DROP TABLE pareto_customers; DROP TABLE pareto_logf; DROP TABLE pareto_quadrature; DROP TABLE pareto_alive; DROP TABLE pareto_no_purchase; DROP TABLE lifetime_expected";
    }

    /// <summary>The SQL of one Pareto/NBD model: its constants (computed in C# as the C# code computes them) and its expressions.</summary>
    private sealed class ParetoSql
    {
        private readonly ParetoNbdModel model;
        private readonly string r, alpha, s;
        private readonly Func<double, string> literal;
        private readonly bool alphaLarger, alphaSmaller;

        internal ParetoSql(ParetoNbdModel model, string r, string alpha, Func<double, string> literal)
        {
            this.model = model;
            this.r = r;
            this.alpha = alpha;
            this.literal = literal;
            s = literal(model.S);
            Beta = literal(model.Beta);
            alphaLarger = model.Alpha >= model.Beta;
            alphaSmaller = model.Alpha <= model.Beta;
        }

        internal string Beta { get; }

        /// <summary>The larger and the other scale of the series (LogF), in C#'s order of choice.</summary>
        private (double Larger, double Other) Scales => alphaLarger ? (model.Alpha, model.Beta) : (model.Beta, model.Alpha);

        /// <summary>The quadrature's smaller scale m, the larger, and the exponents of their factors (ByQuadrature).</summary>
        private (double M, double Large, string ExpM, string ExpL) Quadrature => alphaSmaller
            ? (model.Alpha, model.Beta, $"({r} + x)", literal(model.S + 1))
            : (model.Beta, model.Alpha, literal(model.S + 1), $"({r} + x)");

        /// <summary>
        /// pareto_logf (x, y, log_f): log F̂(y) of ParetoNbdTail.LogF at t_x and at T of every customer whose died term is
        /// taken by the series, the transformed series summed by a recursive query as Hypergeometric.LogAPlusOne sums it.
        /// </summary>
        internal string LogFTable()
        {
            var (larger, other) = Scales;
            string b = alphaLarger ? literal(model.S + 1) : $"({r} + x)";
            var (overAlpha, overBeta) = alphaLarger ? ("over_larger", "over_other") : ("over_other", "over_larger");
            var k = "s.n::double precision";
            return $"""
                CREATE TEMP TABLE pareto_logf AS
                WITH RECURSIVE pairs AS (
                    SELECT x, y, {literal(model.R + model.S)} + x AS a, {b} AS b, {literal(larger - other)} / ({literal(larger)} + y) AS z
                    FROM (SELECT x, t_x AS y FROM pareto_customers WHERE {SeriesSide}
                          UNION SELECT x, t FROM pareto_customers WHERE {SeriesSide}) p
                ),
                series (x, y, a, b, z, first, one_minus_z, n, ha, hb, q, g, done) AS (
                    SELECT x, y, a, b, z, a + 1 - b, 1 - z, 0, 0::double precision, 0::double precision, 1::double precision, 1::double precision, false
                    FROM pairs WHERE z <> 0
                    UNION ALL
                    SELECT s.x, s.y, s.a, s.b, s.z, s.first, s.one_minus_z, s.n + 1, v.ha, v.hb, v.q, v.g,
                           v.q * s.z / s.one_minus_z * (1 + abs(v.ha) + abs(v.hb) + ((s.n + 1)::double precision + 1 / s.one_minus_z) / s.z) <= {literal(1e-16)} * v.g
                    FROM series s
                         CROSS JOIN LATERAL (SELECT s.ha + (1 / (s.first + {k}) - 1 / (s.a + 1 + {k})) AS ha, s.hb - 1 / (s.first + {k}) AS hb,
                                                    s.q * ((s.first + {k}) / (s.a + 1 + {k}) * CASE WHEN s.n = 0 THEN 1::double precision ELSE s.z END) AS q) u
                         CROSS JOIN LATERAL (SELECT u.ha, u.hb, u.q, s.g + u.q * s.z AS g) v
                    WHERE NOT s.done AND s.n < 50000000
                )
                SELECT x, y, log_value - ({r} + x) * {overAlpha} - {s} * {overBeta} AS log_f
                FROM (SELECT p.x, p.y, CASE WHEN p.z = 0 THEN 0::double precision ELSE (1 - s.b) * ln(s.one_minus_z) + ln(s.g) END AS log_value,
                             {Log1P($"p.y / {literal(larger)}")} AS over_larger,
                             {Log1P($"({literal(larger - other)} + p.y) / {literal(other)}")} AS over_other
                      FROM pairs p LEFT JOIN series s ON s.x = p.x AND s.y = p.y AND s.done) f
                """;
        }

        /// <summary>
        /// pareto_quadrature (x, t_x, t, died): ParetoNbdTail.ByQuadrature for every customer above the series limit: the
        /// peak of ψ, Newton's steps from both ends towards ψ = top − 40 (a recursive query, the C# clamps and step limit),
        /// then the 48 nodes' weights summed in the rule's order.
        /// </summary>
        internal string QuadratureTable()
        {
            var (m, large, expM, expL) = Quadrature;
            string mText = literal(m), largeText = literal(large);
            var peakApplies = alphaSmaller ? $"{expM} < 1 AND {(large > m ? "true" : "false")}" : (model.S + 1 < 1 && large > m ? "true" : "false");
            string Psi(string v) => $"(1 - {expM}) * {v} - {expL} * {Log1P($"{mText} * {ExpM1(v)} / {largeText}")}";
            string Slope(string v) => $"(1 - {expM} - {expL} * ({mText} * exp({v})) / ({literal(large - m)} + {mText} * exp({v})))";
            // (value − target) / ψ'(v), as C# divides: the difference is negative, so a zero slope gives −∞.
            string Step(string v, string value) => $"CASE WHEN {Slope(v)} = 0 THEN '-Infinity'::double precision ELSE ({value} - n.target) / {Slope(v)} END";
            var rule = new GaussLegendreRule(-1, 1, ParetoNbdTail.QuadratureOrder);
            var nodes = string.Join(", ", Enumerable.Range(0, rule.Order).Select(i => $"({i}, {literal(rule.GetAbscissa(i))}, {literal(rule.GetWeight(i))})"));
            var prefix = literal(Math.Log(model.S) - Math.Log(model.Beta) + Math.Log(m));
            var active = $"n.step < {ParetoNbdTail.NewtonSteps} AND (n.upper_value < n.target - 1 OR n.lower_value < n.target - 1)";
            return $"""
                CREATE TEMP TABLE pareto_quadrature AS
                WITH RECURSIVE start AS (
                    SELECT x, t_x, t, v0, v1, peak, top, top - {literal(ParetoNbdTail.CutOff)} AS target
                    FROM (SELECT x, t_x, t, v0, v1, peak, {Psi("peak")} AS top
                          FROM (SELECT x, t_x, t, v0, v1, CASE WHEN {peakApplies} THEN {Clamp($"ln((1 - {expM}) * {literal(large - m)} / ({mText} * ({literal(model.R + model.S)} + x)))", "v0", "v1")} ELSE v0 END AS peak
                                FROM (SELECT x, t_x, t, {Log1P($"t_x / {mText}")} AS v0, {Log1P($"t / {mText}")} AS v1
                                      FROM pareto_customers WHERE t_x < t AND NOT ({SeriesSide})) c) c) c
                ),
                newton (x, t_x, t, peak, top, target, step, upper, upper_value, lower, lower_value) AS (
                    SELECT x, t_x, t, peak, top, target, 0, v1, {Psi("v1")}, v0, {Psi("v0")} FROM start
                    UNION ALL
                    SELECT n.x, n.t_x, n.t, n.peak, n.top, n.target, n.step + 1,
                           c.upper, CASE WHEN n.upper_value < n.target - 1 THEN {Psi("c.upper")} ELSE n.upper_value END,
                           c.lower, CASE WHEN n.lower_value < n.target - 1 THEN {Psi("c.lower")} ELSE n.lower_value END
                    FROM newton n
                         CROSS JOIN LATERAL (SELECT CASE WHEN n.upper_value < n.target - 1 THEN n.upper - {Step("n.upper", "n.upper_value")} END AS upper,
                                                    CASE WHEN n.lower_value < n.target - 1 THEN n.lower - {Step("n.lower", "n.lower_value")} END AS lower) u
                         CROSS JOIN LATERAL (SELECT CASE WHEN u.upper IS NULL THEN n.upper ELSE {Clamp("u.upper", "n.peak", "n.upper")} END AS upper,
                                                    CASE WHEN u.lower IS NULL THEN n.lower ELSE {Clamp("u.lower", "n.lower", "n.peak")} END AS lower) c
                    WHERE {active}
                )
                SELECT x, t_x, t, CASE WHEN NOT (total > 0) OR half * total = 0 THEN NULL ELSE {prefix} + top + ln(half * total) END AS died
                FROM (SELECT x, t_x, t, top, half, sum(weight ORDER BY i) AS total
                      FROM (SELECT n.x, n.t_x, n.t, n.top, n.half, w.i,
                                   w.weight * {SafeExp($"(1 - {expM}) * v.v - {expL} * {Log1P($"{mText} * {ExpM1("v.v")} / {largeText}")} - n.top")} AS weight
                            FROM (SELECT x, t_x, t, top, (upper - lower) / 2 AS half, (upper + lower) / 2 AS middle FROM newton n WHERE NOT ({active})) n
                                 CROSS JOIN (VALUES {nodes}) w(i, node, weight)
                                 CROSS JOIN LATERAL (SELECT n.middle + n.half * w.node AS v) v) p
                      GROUP BY x, t_x, t, top, half) q
                """;
        }

        /// <summary>pareto_alive (x, t_x, t, p_alive): exp(alive − AddExp(alive, died)), died by the series or the quadrature (−∞, here NULL, when t_x = T).</summary>
        internal string AliveTable()
        {
            var zAtLast = $"{literal(Math.Abs(model.Alpha - model.Beta))} / ({literal(Math.Max(model.Alpha, model.Beta))} + c.t_x)";
            var died = $"""
                CASE WHEN NOT (c.t_x < c.t) THEN NULL
                     WHEN {zAtLast} <= {literal(ParetoNbdTail.SeriesLimit)} THEN
                         CASE WHEN e.log_f >= l.log_f THEN NULL ELSE {literal(Math.Log(model.S))} - ln({literal(model.R + model.S)} + c.x) + (l.log_f + ln(-{ExpM1("(e.log_f - l.log_f)")})) END
                     ELSE q.died END
                """;
            return $"""
                CREATE TEMP TABLE pareto_alive AS
                SELECT x, t_x, t, {SafeExp("alive - tail")} AS p_alive
                FROM (SELECT x, t_x, t, alive,
                             CASE WHEN died IS NULL THEN alive
                                  WHEN alive > died THEN alive + ln(1 + {SafeExp("(died - alive)")})
                                  ELSE died + ln(1 + {SafeExp("(alive - died)")}) END AS tail
                      FROM (SELECT c.x, c.t_x, c.t,
                                   -({r} + c.x) * {Log1P($"c.t / {alpha}")} - {s} * {Log1P($"c.t / {Beta}")} AS alive,
                                   {died} AS died
                            FROM pareto_customers c
                                 LEFT JOIN pareto_logf l ON l.x = c.x AND l.y = c.t_x
                                 LEFT JOIN pareto_logf e ON e.x = c.x AND e.y = c.t
                                 LEFT JOIN pareto_quadrature q ON q.x = c.x AND q.t_x = c.t_x AND q.t = c.t) d) k
                """;
        }

        /// <summary>
        /// pareto_no_purchase (x, t, stays, ends): for ProbabilityOfPurchases(0, h): the lifetime outlasting h with no
        /// purchase (survives · NB(h)) and the 128-point quadrature of a lifetime ending within h with no purchase, as
        /// GaussLegendreRule.Integrate sums it: a · Σ wᵢ (f(b + a xᵢ) + f(b − a xᵢ)), the nodes computed in C#.
        /// </summary>
        internal string NoPurchaseTable(double horizon)
        {
            var rule = new GaussLegendreRule(-1, 1, ParetoNbdModel.QuadratureOrder);
            var half = rule.Order / 2;
            double a = 0.5 * (horizon - 0), b = 0.5 * (horizon + 0);
            // The rule's non-negative abscissas and their weights, in its order (mapped to [-1, 1] unchanged: a = 1, b = 0).
            var pairs = string.Join(", ", Enumerable.Range(0, (rule.Order + 1) >> 1).Select(i =>
            {
                var ax = a * rule.GetAbscissa(half + i);
                return $"({i}, {literal(rule.GetWeight(half + i))}, {literal(b + ax)}, {literal(b - ax)})";
            }));
            // GammaLn(r + 0) − GammaLn(r) − GammaLn(0 + 1): the first two cancel exactly.
            var coefficient = literal(0.0 - SpecialFunctions.GammaLn(1));
            string NegativeBinomial(string u) => SafeExp($"{coefficient} - ({r} + x) * {Log1P($"{u} / ({alpha} + t)")}");
            string Density(string u) => $"{s} / (({Beta} + t) + {u}) * {SafeExp($"{literal(-model.S)} * {Log1P($"{u} / ({Beta} + t)")}")} * {NegativeBinomial(u)}";
            var h = literal(horizon);
            return $"""
                CREATE TEMP TABLE pareto_no_purchase AS
                SELECT x, t, {SafeExp($"{literal(-model.S)} * {Log1P($"{h} / ({Beta} + t)")}")} * {NegativeBinomial(h)} AS stays,
                       {literal(a)} * sum(q.weight * ({Density("q.plus")} + {Density("q.minus")}) ORDER BY q.i) AS ends
                FROM (SELECT DISTINCT x, t FROM pareto_customers) c
                     CROSS JOIN (VALUES {pairs}) q(i, weight, plus, minus)
                GROUP BY x, t
                """;
        }

        /// <summary>The expected purchases' bracket of ParetoNbdModel.ExpectedPurchases: ratio at s = 1, else −expm1(−(s − 1) ratio) / (s − 1).</summary>
        internal string Bracket(string ratio) => Math.Abs(model.S - 1) < 1e-9
            ? ratio
            : $"(-{ExpM1($"{literal(-(model.S - 1))} * {ratio}")} / {literal(model.S - 1)})";

        /// <summary>Whether a customer's died term is taken by the series (z at t_x at most the limit, and t_x &lt; T).</summary>
        private string SeriesSide =>
            $"t_x < t AND {literal(Math.Abs(model.Alpha - model.Beta))} / ({literal(Math.Max(model.Alpha, model.Beta))} + t_x) <= {literal(ParetoNbdTail.SeriesLimit)}";

        /// <summary>LogMath.Log1P: log(1 + x) with the rounding of 1 + x undone.</summary>
        internal static string Log1P(string x) => $"(CASE WHEN 1 + ({x}) = 1 THEN ({x}) ELSE ln(1 + ({x})) * (({x}) / ((1 + ({x})) - 1)) END)";

        /// <summary>LogMath.ExpM1: eˣ − 1, Kahan's correction below |x| = 0.5.</summary>
        private static string ExpM1(string x) =>
            $"(CASE WHEN abs({x}) >= 0.5 THEN {SafeExp(x)} - 1 WHEN exp({x}) = 1 THEN ({x}) ELSE (exp({x}) - 1) * (({x}) / ln(exp({x}))) END)";

        /// <summary>exp, 0 below e^-700 (C gives a subnormal or 0 there, PostgreSQL an underflow error).</summary>
        private static string SafeExp(string x) => $"(CASE WHEN ({x}) < -700 THEN 0::double precision ELSE exp({x}) END)";

        /// <summary>Math.Clamp(value, min, max) for min ≤ max.</summary>
        private static string Clamp(string value, string min, string max) =>
            $"(CASE WHEN {value} < {min} THEN {min} WHEN {value} > {max} THEN {max} ELSE {value} END)";
    }
}
