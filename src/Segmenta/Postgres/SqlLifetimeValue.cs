using System.Globalization;
using Segmenta.Lifetime;

namespace Segmenta.Postgres;

/// <summary>
/// The per-customer predictions of <see cref="ValuePredictor"/> as SQL over a table of x, t_x, T, spend purchases and
/// their exact sum (Postgres/lifetime_customers.sql), operation by operation in the C# order, the fitted parameters as
/// literals: P(alive), the expected purchases at every 30-day step and horizon, the Gamma-Gamma expected spend, the
/// discounted CLV per horizon and the probability of no purchase within the churn horizon with its tier. BG/NBD,
/// MBG/NBD and the NBD (the no-dropout limit either fit can end at) have closed forms: their conditional expectation
/// needs Gauss's hypergeometric series, summed here by a recursive query with <see cref="Hypergeometric.Series"/>'s
/// terms and stopping rule, once per distinct (x, T) and step. Pareto/NBD (session 15, SqlLifetimeValue.Pareto.cs)
/// mirrors <see cref="ParetoNbdTail"/>: its P(alive) by the transformed 2F1 series or by the Newton-cut 48-point
/// quadrature, and its probability of no purchase by the 128-point quadrature of <see cref="ParetoNbdModel"/>.
/// </summary>
internal sealed partial class SqlLifetimeValue
{
    /// <summary>Below this exponent exp and power give 0: PostgreSQL raises an underflow error where C returns a subnormal (below 1e-304, which changes no result at 1e-9).</summary>
    private const double SmallestExponent = -700;

    /// <summary>Above this exponent the dead odds overflow to infinity (C# gives P(alive) 0; PostgreSQL would raise an error).</summary>
    private const double LargestExponent = 709;

    private readonly string r, alpha, a, b;
    private readonly string unit;

    private SqlLifetimeValue(LifetimePredictionInputs inputs)
    {
        Inputs = inputs;
        var counting = inputs.Counting;
        (r, alpha, a, b) = counting switch
        {
            BgNbdModel m => (L(m.R), L(m.Alpha), L(m.A), L(m.B)),
            MbgNbdModel m => (L(m.R), L(m.Alpha), L(m.A), L(m.B)),
            NbdModel m => (L(m.R), L(m.Alpha), "", ""),
            ParetoNbdModel m => (L(m.R), L(m.Alpha), L(m.S), L(m.Beta)),
            _ => throw new ArgumentException($"No SQL form for {counting.Kind}.", nameof(inputs)),
        };
        unit = L(inputs.UnitDays);
    }

    /// <summary>The models and options the predictions are made with.</summary>
    internal LifetimePredictionInputs Inputs { get; }

    /// <summary>The SQL form of <paramref name="inputs"/>, or null when its counting model has none (a model this class does not know).</summary>
    internal static SqlLifetimeValue? For(LifetimePredictionInputs inputs) =>
        inputs.Counting is BgNbdModel or MbgNbdModel or NbdModel or ParetoNbdModel ? new SqlLifetimeValue(inputs) : null;

    /// <summary>Every 30 days up to the longest horizon, plus each horizon: the local predictor's own points.</summary>
    internal int[] Points => ValuePredictor.Points(Inputs.HorizonDays);

    /// <summary>
    /// The statements that fill customer_lifetime and customer_lifetime_horizons (Postgres/customer_lifetime.sql) from
    /// <paramref name="table"/>, through temp tables of the connection (the series, the expected purchases per step).
    /// </summary>
    /// <remarks>
    /// JIT is off while they run: the expressions are long (log1p, expm1 and the series' steps written out in full), and
    /// above jit_above_cost PostgreSQL compiles them with LLVM before running a single row, which took seconds on an
    /// empty quadrature table and minutes (optimised and inlined above jit_optimize_above_cost) at 1M lines; the rows
    /// themselves take milliseconds (docs/postgres.md, session 15).
    /// </remarks>
    internal IEnumerable<string> Statements(string table = "lifetime_customers")
    {
        var points = string.Join(", ", Points.Select(d => $"({d})"));
        yield return "SET jit = off";
        foreach (var statement in Inputs.Counting is ParetoNbdModel pareto ? ParetoStatements(pareto, table, points) : ClosedFormStatements(table, points))
        {
            yield return statement;
        }
        yield return "RESET jit";
    }

    /// <summary>BG/NBD, MBG/NBD and the NBD: the series table, the expected purchases per step, then both tables.</summary>
    private IEnumerable<string> ClosedFormStatements(string table, string points)
    {
        yield return "DROP TABLE IF EXISTS lifetime_series; DROP TABLE IF EXISTS lifetime_expected";
        yield return Inputs.Counting is NbdModel ? $"CREATE TEMP TABLE lifetime_series AS SELECT NULL::double precision AS series_x, NULL::double precision AS series_t, NULL::integer AS series_d, NULL::double precision AS hyp LIMIT 0" : SeriesTable(table, points);
        yield return $"""
            CREATE TEMP TABLE lifetime_expected AS
            SELECT customer_id, d, {Expected()} AS expected
            FROM (SELECT customer_id, x::double precision AS x, t_x, t FROM {table}) c
                 CROSS JOIN (SELECT d, d / {unit} AS h FROM (VALUES {points}) v(d)) p
                 LEFT JOIN lifetime_series s ON s.series_x = c.x AND s.series_t = c.t AND s.series_d = p.d
            """;
        yield return $"""
            INSERT INTO customer_lifetime (customer_id, p_alive, expected_spend, p_no_purchase, churn_risk)
            SELECT customer_id, p_alive, expected_spend, p_no_purchase,
                   CASE WHEN p_no_purchase <= {L(ChurnRiskTiers.LowAtMost)} THEN 'Low' WHEN p_no_purchase <= {L(ChurnRiskTiers.MediumAtMost)} THEN 'Medium' ELSE 'High' END
            FROM (SELECT customer_id, p_alive, expected_spend,
                         least(1::double precision, greatest(0::double precision, p_alive * {NoPurchaseIfAlive()} + (1 - p_alive))) AS p_no_purchase
                  FROM (SELECT customer_id, x::double precision AS x, t_x, t, {Alive()} AS p_alive, {ExpectedSpend()} AS expected_spend FROM {table}) c) k
            """;
        yield return HorizonsInsert();
        yield return "DROP TABLE lifetime_series; DROP TABLE lifetime_expected";
    }

    /// <summary>
    /// customer_lifetime_horizons from lifetime_expected (customer_id, d, expected) and customer_lifetime: the expected
    /// purchases at each horizon and the CLV, the spend expected in each step discounted to its end, summed in step order.
    /// </summary>
    private string HorizonsInsert() => $"""
            INSERT INTO customer_lifetime_horizons (customer_id, horizon_days, expected_purchases, clv)
            SELECT s.customer_id, h.days,
                   max(s.expected) FILTER (WHERE s.d = h.days),
                   sum(l.expected_spend * s.increment / power(1::double precision + {L(Inputs.DiscountRate)}, s.d / 365::double precision) ORDER BY s.d) FILTER (WHERE s.d <= h.days)
            FROM (SELECT customer_id, d, expected,
                         greatest(0::double precision, expected - greatest(0::double precision,
                             coalesce(max(expected) OVER (PARTITION BY customer_id ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))) AS increment
                  FROM lifetime_expected) s
                 JOIN customer_lifetime l USING (customer_id)
                 CROSS JOIN (VALUES {string.Join(", ", Inputs.HorizonDays.Select(h => $"({h})"))}) h(days)
            GROUP BY s.customer_id, h.days
            """;

    /// <summary>
    /// 2F1 of the conditional expectation at every distinct (x, T) and step, as <see cref="Hypergeometric.Series"/> sums it:
    /// ratio = (a + n)(b + n) / ((c + n)(n + 1)) · z, term ·= ratio, sum += term, until the term is below 1e-16 of the sum
    /// and the ratio below 1 (the same IEEE operations in the same order, so the same sum).
    /// </summary>
    private string SeriesTable(string table, string points)
    {
        var (sa, sb, sc) = Inputs.Counting is MbgNbdModel
            ? ($"{r} + x", $"{b} + x + 1", $"{a} + {b} + x")
            : ($"{r} + x", $"{b} + x", $"{a} + {b} + x - 1");
        // q is the ratio that makes the row's next term, computed once a row (for n + 1 in the row before).
        static string Ratio(string n) => $"(sa + {n}) * (sb + {n}) / ((sc + {n}) * ({n} + 1)) * z";
        return $"""
            CREATE TEMP TABLE lifetime_series AS
            WITH RECURSIVE series (x, t, d, n, sa, sb, sc, z, term, total, done, q) AS (
                SELECT x, t, d, 0, sa, sb, sc, z, 1::double precision, 1::double precision, false, {Ratio("0")}
                FROM (SELECT x, t, d, {sa} AS sa, {sb} AS sb, {sc} AS sc, h / ({alpha} + t + h) AS z
                      FROM (SELECT DISTINCT x::double precision AS x, t FROM {table}) k
                           CROSS JOIN (SELECT d, d / {unit} AS h FROM (VALUES {points}) v(d)) p) s
                UNION ALL
                SELECT x, t, d, n + 1, sa, sb, sc, z, term * q, total + term * q,
                       abs(term * q) <= 1e-16 * abs(total + term * q) AND abs(q) < 1, {Ratio("(n + 1)")}
                FROM series
                WHERE NOT done AND n < 1000000
            )
            SELECT x AS series_x, t AS series_t, d AS series_d, total AS hyp FROM series WHERE done
            """;
    }

    /// <summary>(α + T) / (α + T + h) to the power r + x, 0 where it would underflow.</summary>
    private string Stay(string h) =>
        $"CASE WHEN ({r} + x) * ln(({alpha} + t) / ({alpha} + t + {h})) < {L(SmallestExponent)} THEN 0::double precision ELSE power(({alpha} + t) / ({alpha} + t + {h}), {r} + x) END";

    /// <summary>The odds of having dropped out (BgNbdModel/MbgNbdModel.DeadOdds), infinity where exp overflows.</summary>
    private string DeadOdds()
    {
        var bx = Inputs.Counting is MbgNbdModel ? $"({b} + x)" : $"({b} + x - 1)";
        var exponent = $"({r} + x) * (ln({alpha} + t) - ln({alpha} + t_x))";
        return $"CASE WHEN {exponent} > {L(LargestExponent)} THEN 'Infinity'::double precision ELSE {a} / {bx} * exp({exponent}) END";
    }

    private string Alive() => Inputs.Counting switch
    {
        NbdModel => "1::double precision",
        MbgNbdModel => $"1 / (1 + {DeadOdds()})",
        _ => $"CASE WHEN x = 0 THEN 1::double precision ELSE 1 / (1 + {DeadOdds()}) END",
    };

    /// <summary>The expected purchases in h time units (ICountingModel.ExpectedPurchases), of x, t_x, T, h and 2F1 (hyp).</summary>
    private string Expected() => Inputs.Counting switch
    {
        NbdModel => $"h * ({r} + x) / ({alpha} + t)",
        MbgNbdModel => $"greatest(0::double precision, ({a} + {b} + x) / ({a} - 1) * (1 - hyp * {Stay("h")}) / (1 + {DeadOdds()}))",
        _ => $"greatest(0::double precision, ({a} + {b} + x - 1) / ({a} - 1) * (1 - {Stay("h")} * hyp) / (1 + CASE WHEN x > 0 THEN {DeadOdds()} ELSE 0 END))",
    };

    /// <summary>The probability of no purchase within the churn horizon while alive: (α + T) / (α + T + h) to the power r + x.</summary>
    private string NoPurchaseIfAlive()
    {
        var h = L(Inputs.ChurnHorizonDays / Inputs.UnitDays);
        return $"CASE WHEN ({r} + x) * ln(({alpha} + t) / ({alpha} + t + {h})) < {L(SmallestExponent)} THEN 0::double precision ELSE exp(({r} + x) * ln(({alpha} + t) / ({alpha} + t + {h}))) END";
    }

    /// <summary>GammaGammaModel.ExpectedSpend of the spend purchases and their mean; NULL without a model or with q ≤ 1.</summary>
    private string ExpectedSpend()
    {
        if (Inputs.Spend is not { Q: > 1 } spend)
        {
            return "NULL::double precision";
        }
        string p = L(spend.P), q = L(spend.Q), gamma = L(spend.Gamma);
        return $"""
            CASE WHEN spend_purchases = 0 THEN {p} * {gamma} / ({q} - 1)
                 ELSE {p} * ({gamma} + spend_purchases::double precision * (spend_sum / spend_purchases)::double precision) / ({p} * spend_purchases::double precision + {q} - 1) END
            """;
    }

    private static string L(double value) => $"'{value.ToString("R", CultureInfo.InvariantCulture)}'::double precision";
}

/// <summary>The fitted models and options the per-customer lifetime predictions are made with (as <see cref="ValuePredictor.Predict"/> takes them).</summary>
internal sealed record LifetimePredictionInputs(ICountingModel Counting, GammaGammaModel? Spend, IReadOnlyList<int> HorizonDays, double UnitDays, double DiscountRate, int ChurnHorizonDays);
