using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Lifetime value where the lines are (issue 20 item 4, "CLV closed forms as SQL where possible"): once the models are
/// fitted, every customer's probability of being alive under the chosen BG/NBD model is computed in SQL on the server
/// (<see cref="SqlLifetime.AliveQuery"/>: the closed form, operation by operation as <see cref="BgNbdModel.ProbabilityAlive"/>,
/// the parameters as literals) over the x, t_x and T kept there (Postgres/lifetime_customers.sql): on a cluster every shard
/// over its own customers, in parallel, and the coordinator's <c>customer_lifetime</c> is the union of the shards'. It
/// is how customers the local machine never saw would be scored, as <see cref="SqlAssignment"/> assigns them to
/// segments; the local values (customer_clv) are compared with the server's. Other counting models have no closed form
/// written in SQL (Pareto/NBD's P(alive) needs Gauss's hypergeometric function): the table is then empty.
/// </summary>
internal static class PostgresLifetime
{
    /// <summary>How far the server's P(alive) may be from the local one (PostgreSQL's exp and ln are the C library's, which need not round as .NET's do).</summary>
    internal const double Tolerance = 1e-9;

    /// <summary>The customers scored on the server and those whose P(alive) differs from the local one; null when the chosen model is not BG/NBD.</summary>
    internal static (long Scored, long Differing)? WriteBack(SegmentaStore store, PostgresOptions postgres, PostgresDatabase coordinator)
    {
        var model = ChosenBgNbd(store);
        new PostgresLineStages(postgres, coordinator.Schema).WhereTheLinesAre(coordinator, database =>
        {
            database.Execute(SqlScripts.Get("Postgres/customer_lifetime.sql"));
            if (model is not null)
            {
                database.Execute($"INSERT INTO customer_lifetime (customer_id, p_alive) {SqlLifetime.AliveQuery(model, "lifetime_customers")}");
            }
        });
        if (model is null)
        {
            return null;
        }
        var server = coordinator.Query("SELECT customer_id, p_alive FROM customer_lifetime", r => (Id: r.GetString(0), Alive: r.GetDouble(1)))
            .ToDictionary(c => c.Id, c => c.Alive, StringComparer.Ordinal);
        var local = store.Query("SELECT customer_id, p_alive FROM customer_clv", r => (Id: r.GetString(0), Alive: r.GetDouble(1)));
        var differing = local.Count(c => !server.TryGetValue(c.Id, out var alive) || Math.Abs(alive - c.Alive) > Tolerance)
            + server.Count - local.Count(c => server.ContainsKey(c.Id));
        return (server.Count, differing);
    }

    /// <summary>The BG/NBD model the predictions of the whole period use, or null when another model (or none) was chosen.</summary>
    internal static BgNbdModel? ChosenBgNbd(SegmentaStore store)
    {
        if (!store.HasTable("clv_fits"))
        {
            return null;
        }
        var parameters = store.Query(
            """
            SELECT p.parameter, p.value
            FROM clv_fits f JOIN clv_parameters p USING (period, model)
            WHERE f.period = 'all' AND f.model = 'bgnbd' AND f.chosen
            """, r => (Name: r.GetString(0), Value: r.IsDBNull(1) ? double.NaN : r.GetDouble(1)))
            .ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        return parameters.Count == 4 && parameters.Values.All(double.IsFinite)
            ? new BgNbdModel(parameters["r"], parameters["alpha"], parameters["a"], parameters["b"])
            : null;
    }
}
