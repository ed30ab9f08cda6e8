using Segmenta.Store;

namespace Segmenta.Recommending;

/// <summary>Writes and reads the store tables recommendations, recommendation_evaluation and product_associations.</summary>
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
                    .AppendValue(result.Cutoff.ToDateTime(TimeOnly.MinValue)).EndRow();
            }
        }
        using (var appender = store.Connection.CreateAppender("product_associations"))
        {
            foreach (var a in result.Associations)
            {
                appender.CreateRow().AppendValue(a.StockCode).AppendValue(a.Description).AppendValue(a.Rank).AppendValue(a.OtherStockCode)
                    .AppendValue(a.OtherDescription).AppendValue(a.Orders).AppendValue(a.Support).AppendValue(a.Confidence).AppendValue(a.Lift).EndRow();
            }
        }
    }

    private static double? Nullable(double value) => double.IsFinite(value) ? value : null;
}
