using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>Writes and reads the store tables recommendations, recommendation_evaluation, product_associations, recommendation_options and recommendation_new_picks.</summary>
internal static class RecommendationTables
{
    public static void Write(SegmentaStore store, RecommendationResult result)
    {
        store.Execute(SqlScripts.Get("Recommending/recommendation_tables.sql"));
        using (var appender = store.Connection.CreateAppender("recommendations"))
        {
            foreach (var r in result.Recommendations)
            {
                appender.CreateRow().AppendValue(r.CustomerId).AppendValue(r.Rank).AppendValue(r.StockCode).AppendValue(r.Description)
                    .AppendValue(r.Score).AppendValue(r.Method.ToString()).AppendValue(r.Reason)
                    .AppendValue(RecommendationOutputs.KindName(r.Kind)).EndRow();
            }
        }
        using (var appender = store.Connection.CreateAppender("recommendation_evaluation"))
        {
            foreach (var r in result.Evaluation)
            {
                var row = appender.CreateRow().AppendValue(r.Method.ToString()).AppendValue(r.Setting.ToString()).AppendValue(r.Customers).AppendValue(r.K);
                foreach (var m in (MetricInterval[])[r.Precision, r.Recall, r.MeanAveragePrecision, r.Ndcg, r.HitRate])
                {
                    row = row.AppendValue(m.Value).AppendValue(Nullable(m.Low)).AppendValue(Nullable(m.High));
                }
                row.AppendValue(r.Coverage).AppendValue(r.Method == result.DefaultMethod)
                    .AppendValue(result.Cutoff.ToDateTime(TimeOnly.MinValue)).AppendValue(r.EligibleCustomers).EndRow();
            }
        }
        var options = result.Options;
        store.Execute("INSERT INTO recommendation_options VALUES ($top, $cutoff, $mode, $method, $seed, $resamples, $evaluated)",
            ("top", options.Top), ("cutoff", options.Cutoff?.ToDateTime(TimeOnly.MinValue)), ("mode", options.Mode.ToString()),
            ("method", options.Method?.ToString()), ("seed", options.Seed), ("resamples", options.BootstrapResamples), ("evaluated", options.EvaluationCustomers));
        NewPicksRecords.Save(store, result.NewPicksChoices);
        using (var appender = store.Connection.CreateAppender("product_associations"))
        {
            foreach (var a in result.Associations)
            {
                appender.CreateRow().AppendValue(a.StockCode).AppendValue(a.Description).AppendValue(a.Rank).AppendValue(a.OtherStockCode)
                    .AppendValue(a.OtherDescription).AppendValue(a.Orders).AppendValue(a.Support).AppendValue(a.Confidence).AppendValue(a.Lift).EndRow();
            }
        }
    }

    /// <summary>The options of the last stored run (top, cut, mode, method, seed, resamples), or null when none is stored.</summary>
    public static RecommendationOptions? StoredOptions(SegmentaStore store) =>
        !store.HasTable("recommendation_options") ? null : store.Query(
            "SELECT * FROM recommendation_options LIMIT 1",
            r => new RecommendationOptions
            {
                Top = r.GetInt32(0),
                Cutoff = r.IsDBNull(1) ? null : DateOnly.FromDateTime(r.GetDateTime(1)),
                Mode = Enum.Parse<RecommendationMode>(r.GetString(2)),
                Method = r.IsDBNull(3) ? null : Enum.Parse<RecommendationMethod>(r.GetString(3)),
                Seed = r.GetInt32(4),
                BootstrapResamples = r.GetInt32(5),
                // Stores written before the evaluation was sampled have no such column: they keep the default.
                EvaluationCustomers = r.FieldCount > 6 ? r.GetInt32(6) : new RecommendationOptions().EvaluationCustomers,
            }).FirstOrDefault();

    private static double? Nullable(double value) => double.IsFinite(value) ? value : null;
}
