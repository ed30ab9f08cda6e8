using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Lifetime value where the lines are (issue 20 item 4, "CLV closed forms as SQL where possible"): once the models are
/// fitted, every customer's predictions under the chosen counting model and the spend model are computed in SQL on the
/// server (<see cref="SqlLifetimeValue"/>: P(alive), expected purchases per horizon, expected spend, CLV per horizon,
/// the probability of no purchase and its churn tier, operation by operation as <see cref="ValuePredictor"/>, the
/// parameters as literals) over the x, t_x, T and spend kept there (Postgres/lifetime_customers.sql): on a cluster every
/// shard over its own customers, in parallel, and the coordinator's <c>customer_lifetime</c> and
/// <c>customer_lifetime_horizons</c> are the union of the shards'. It is how customers the local machine never saw would
/// be scored, as <see cref="SqlAssignment"/> assigns them to segments; the local values (customer_clv,
/// customer_clv_horizons) are compared with the server's. Every counting model is written in SQL (Pareto/NBD since
/// session 15); <c>segmenta clv DB</c> on a PostgreSQL run's database scores the tables again with its own fits and options.
/// </summary>
internal static class PostgresLifetime
{
    /// <summary>
    /// How far a server value may be from the local one, relative to the larger of 1 and the local value (PostgreSQL's
    /// exp, ln and pow are the C library's, which need not round as .NET's do; the mean spend is the NUMERIC quotient's
    /// nearest double where DuckDB's avg rounds twice).
    /// </summary>
    internal const double Tolerance = 1e-9;

    /// <summary>What the run says about the server's tables once they are written.</summary>
    internal static string Note(string schema, long scored, long differing, string model) =>
        $"PostgreSQL schema {schema} holds customer_lifetime and customer_lifetime_horizons: {scored:N0} customers' P(alive), expected purchases, expected spend, CLV and churn risk computed in SQL where their lines are ({model}), {differing:N0} differing from the local values by more than {Tolerance:G} (relative).";

    /// <summary>
    /// Writes customer_lifetime and customer_lifetime_horizons where the lines are under the store's chosen models and
    /// options (replacing what was there), and compares them with the store's customer_clv and customer_clv_horizons.
    /// Returns the customers scored, those with a value differing from the local one and the models' names; null (and
    /// empty tables) when the store holds no usable fit.
    /// </summary>
    internal static (long Scored, long Differing, string Model)? WriteBack(SegmentaStore store, PostgresOptions postgres, PostgresDatabase coordinator)
    {
        var inputs = Chosen(store);
        var sql = inputs is null ? null : SqlLifetimeValue.For(inputs);
        new PostgresLineStages(postgres, coordinator.Schema).WhereTheLinesAre(coordinator, database =>
        {
            database.Execute(SqlScripts.Get("Postgres/customer_lifetime.sql"));
            foreach (var statement in sql?.Statements() ?? [])
            {
                database.Execute(statement);
            }
        });
        if (sql is null)
        {
            return null;
        }
        var (scored, differing) = Compare(store, coordinator);
        var name = ModelFitter.NameOf(sql.Inputs.Counting.Kind);
        return (scored, differing, sql.Inputs.Spend is { Q: > 1 } ? $"{name} and gamma-gamma" : name);
    }

    /// <summary>The server's customers and how many of them differ from the local customer_clv and customer_clv_horizons in any value (or are missing on one side).</summary>
    internal static (long Scored, long Differing) Compare(SegmentaStore store, PostgresDatabase coordinator)
    {
        var server = Values(coordinator.Query(
            """
            SELECT l.customer_id, l.p_alive, l.expected_spend, l.p_no_purchase, l.churn_risk, h.horizon_days, h.expected_purchases, h.clv
            FROM customer_lifetime l JOIN customer_lifetime_horizons h USING (customer_id)
            """, Row));
        var local = Values(store.Query(
            """
            SELECT l.customer_id, l.p_alive, l.expected_spend, l.p_no_purchase, l.churn_risk, h.horizon_days, h.expected_purchases, h.clv
            FROM customer_clv l JOIN customer_clv_horizons h USING (customer_id)
            """, Row));
        var differing = local.Count(c => !server.TryGetValue(c.Key, out var values) || !Agree(values, c.Value))
            + server.Keys.Count(id => !local.ContainsKey(id));
        return (server.Count, differing);
    }

    /// <summary>The models the predictions of the whole period use and the options they were made with; null when none were fitted.</summary>
    internal static LifetimePredictionInputs? Chosen(SegmentaStore store)
    {
        if (!store.HasTable("clv_fits") || !store.HasTable("clv_settings") || store.Scalar<long>("SELECT count(*) FROM clv_settings") == 0)
        {
            return null;
        }
        var chosen = store.Query(
            """
            SELECT f.model, p.parameter, p.value
            FROM clv_fits f JOIN clv_parameters p USING (period, model)
            WHERE f.period = 'all' AND f.chosen
            """, r => (Model: r.GetString(0), Name: r.GetString(1), Value: r.IsDBNull(2) ? double.NaN : r.GetDouble(2)));
        var spend = Parameters(chosen, "gamma-gamma");
        var counting = chosen.Select(c => c.Model).Distinct().Where(m => m != "gamma-gamma").ToList();
        if (counting.Count != 1)
        {
            return null;
        }
        var model = Counting(counting[0], Parameters(chosen, counting[0]));
        if (model is null)
        {
            return null;
        }
        var settings = store.Query("SELECT time_unit, discount_rate, horizons, churn_horizon_days FROM clv_settings",
            r => (Unit: r.GetString(0), Rate: r.GetDouble(1), Horizons: r.GetString(2), Churn: r.GetInt32(3)))[0];
        return new LifetimePredictionInputs(
            model,
            spend.Count == 3 && spend.Values.All(double.IsFinite) ? new GammaGammaModel(spend["p"], spend["q"], spend["gamma"]) : null,
            [.. settings.Horizons.Split(',').Select(h => int.Parse(h, CultureInfo.InvariantCulture))],
            settings.Unit == "weeks" ? 7 : 1,
            settings.Rate,
            settings.Churn);
    }

    /// <summary>The counting model of a stored fit: the four-parameter model, or the NBD where the fit ended at the no-dropout limit (a = 0, b not identified).</summary>
    private static ICountingModel? Counting(string name, Dictionary<string, double> p)
    {
        var kind = name switch
        {
            "bgnbd" => CountingModelKind.BgNbd,
            "mbgnbd" => CountingModelKind.MbgNbd,
            "pareto-nbd" => CountingModelKind.ParetoNbd,
            _ => (CountingModelKind?)null,
        };
        if (kind is not { } k || p.Count != 4 || !double.IsFinite(p["r"]) || !double.IsFinite(p["alpha"]))
        {
            return null;
        }
        var (third, fourth) = k == CountingModelKind.ParetoNbd ? (p["s"], p["beta"]) : (p["a"], p["b"]);
        if (third == 0 && double.IsNaN(fourth))
        {
            return new NbdModel(k, p["r"], p["alpha"]);
        }
        if (!double.IsFinite(third) || !double.IsFinite(fourth))
        {
            return null;
        }
        return k switch
        {
            CountingModelKind.BgNbd => new BgNbdModel(p["r"], p["alpha"], third, fourth),
            CountingModelKind.MbgNbd => new MbgNbdModel(p["r"], p["alpha"], third, fourth),
            _ => new ParetoNbdModel(p["r"], p["alpha"], third, fourth),
        };
    }

    private static Dictionary<string, double> Parameters(IEnumerable<(string Model, string Name, double Value)> rows, string model) =>
        rows.Where(r => r.Model == model).ToDictionary(r => r.Name, r => r.Value, StringComparer.Ordinal);

    private static (string Id, double[] Values, string Risk) Row(System.Data.Common.DbDataReader r) =>
        (r.GetString(0), [r.GetDouble(1), N(r, 2), r.GetDouble(3), r.GetInt32(5), r.GetDouble(6), N(r, 7)], r.GetString(4));

    private static double N(System.Data.Common.DbDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);

    /// <summary>Per customer: its values in horizon order (P(alive), expected spend, P(no purchase), then per horizon its days, expected purchases and CLV) and its tier.</summary>
    private static Dictionary<string, (double[] Values, string Risk)> Values(IEnumerable<(string Id, double[] Values, string Risk)> rows) =>
        rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => ((double[])[.. g.First().Values[..3], .. g.OrderBy(r => r.Values[3]).SelectMany(r => r.Values[3..])], g.First().Risk),
            StringComparer.Ordinal);

    private static bool Agree((double[] Values, string Risk) server, (double[] Values, string Risk) local) =>
        server.Risk == local.Risk && server.Values.Length == local.Values.Length
        && server.Values.Zip(local.Values).All(v => double.IsNaN(v.First) ? double.IsNaN(v.Second) : Math.Abs(v.First - v.Second) <= Tolerance * Math.Max(1, Math.Abs(v.Second)));
}
