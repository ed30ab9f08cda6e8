using Segmenta.Store;

namespace Segmenta.Lifetime;

/// <summary>Writes clv-models.csv and, with a holdout, clv-holdout.csv and clv-churn-holdout.csv from the stage's tables.</summary>
public static class LifetimeOutputs
{
    /// <summary>Writes the files and returns their paths.</summary>
    public static IReadOnlyList<string> Write(SegmentaStore store, string directory)
    {
        var models = Path.Combine(directory, "clv-models.csv");
        Copy(store, """
            SELECT f.model AS Model, p.parameter AS Parameter, round(p.value, 6) AS Value, round(p.std_error, 6) AS StdError,
                   round(f.log_likelihood, 4) AS LogLikelihood, f.customers AS Customers, f.converged AS Converged, f.at_boundary AS AtBoundary,
                   f.period AS Period, f.chosen AS Chosen
            FROM clv_fits f
            JOIN clv_parameters p USING (period, model)
            ORDER BY f.period DESC, f.model, p.ordinal
            """, models);
        var files = new List<string> { models };
        if (store.Scalar<long>("SELECT count(*) FROM clv_holdout") > 0)
        {
            var holdout = Path.Combine(directory, "clv-holdout.csv");
            Copy(store, """
                SELECT model AS Model, frequency_group AS FrequencyGroup, customers AS Customers,
                       actual_purchases::BIGINT AS ActualPurchases, round(predicted_purchases, 2) AS PredictedPurchases,
                       round(baseline_purchases, 2) AS BaselinePurchases, round(model_mae, 4) AS ModelMedianMae, round(baseline_mae, 4) AS BaselineMedianMae,
                       round(model_mean_mae, 4) AS ModelMeanMae, round(baseline_mean_mae, 4) AS BaselineMeanMae,
                       round(model_rmse, 4) AS ModelMeanRmse, round(baseline_rmse, 4) AS BaselineMeanRmse
                FROM clv_holdout
                ORDER BY model, group_order
                """, holdout);
            files.Add(holdout);
        }
        if (store.Scalar<long>("SELECT count(*) FROM clv_churn_holdout") > 0)
        {
            var churn = Path.Combine(directory, "clv-churn-holdout.csv");
            Copy(store, """
                SELECT model AS Model, ranking AS Ranking, tier AS Tier, customers AS Customers, buyers AS HoldoutBuyers,
                       round(buyers / nullif(customers, 0), 4) AS HoldoutBuyerShare, round(auc, 4) AS Auc
                FROM clv_churn_holdout
                ORDER BY model, ranking, tier_order
                """, churn);
            files.Add(churn);
        }
        return files;
    }

    // Through the one CSV writer: numbers in plain notation, a rounded zero as 0 (never 0.0 or -0.0).
    private static void Copy(SegmentaStore store, string query, string path) => CsvFile.WriteQuery(store, query, path);
}
