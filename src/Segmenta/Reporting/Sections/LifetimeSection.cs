namespace Segmenta.Reporting.Sections;

/// <summary>Lifetime value: the models fitted and chosen, the holdout check, churn-risk tiers and the most valuable customers.</summary>
internal static class LifetimeSection
{
    internal const string Title = "Lifetime value and churn risk";

    internal static bool Applies(ReportData data) => data.Lifetime is not null;

    internal static void Write(Html html, ReportData data)
    {
        var report = data.Lifetime!;
        html.Why("Segments describe the past; a lifetime model says which customers are still active and what they are likely to spend next. Buy-till-you-die models (docs/lifetime.md) were fitted by maximum likelihood to every customer's repeat purchases, recency and age; a fit that did not converge is shown but not used.");
        html.Paragraph($"Predictions use {report.Model}: {report.ChoiceReason}. Time unit {report.TimeUnit}; CLV over {report.Horizon} days, discounted at {Html.Percent(report.DiscountRate)} a year.");
        html.Table(["Period", "Model", "Parameters", "#Log-likelihood", "#Customers", "Status"],
            report.Fits.Select(f => (IReadOnlyList<string>)
            [
                f.Period, f.Chosen ? $"{f.Model} (used)" : f.Model, f.Parameters, f.LogLikelihood is { } ll ? Html.Number(ll, 2) : "",
                Html.Number(f.Customers), !f.Converged ? "did not converge" : f.AtBoundary ? "maximum on the boundary (no dropout seen)" : "converged",
            ]),
            "Fitted models");
        if (report.Holdout.Count > 0)
        {
            html.Table(["Repeat purchases before " + report.CalibrationEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "#Customers", "#Actual", "#Predicted", "#Naive (past rate)", "#MAE model", "#MAE naive", "#RMSE model", "#RMSE naive"],
                report.Holdout.Select(h => (IReadOnlyList<string>)
                [
                    h.FrequencyGroup, Html.Number(h.Customers), Html.Number(h.ActualPurchases), Html.Number(h.PredictedPurchases, 1),
                    Html.Number(h.BaselinePurchases, 1), Html.Number(h.ModelMae, 3), Html.Number(h.BaselineMae, 3),
                    Html.Number(h.ModelRmse, 3), Html.Number(h.BaselineRmse, 3),
                ]),
                "Holdout: purchases after the calibration end, predicted against actual");
        }
        if (report.SpendFrequencyCorrelation is { } r)
        {
            html.Paragraph($"The spend model assumes spend per purchase does not depend on how often a customer buys; their correlation among repeat customers is {Html.Number(r, 2)}{(Math.Abs(r) > 0.3 ? ", high enough to treat expected spend with caution" : "")}.");
        }
        html.Table(["Churn risk", "#Customers", $"#Total CLV {report.Horizon}d", $"#Mean CLV {report.Horizon}d"],
            report.Tiers.Select(t => (IReadOnlyList<string>)[t.Tier, Html.Number(t.Customers), t.TotalClv is { } total ? Html.Number(total) : "", t.MeanClv is { } mean ? Html.Number(mean, 2) : ""]),
            "Churn risk tiers (P(alive) ≥ 0.7 low, ≥ 0.3 medium, below high)");
        html.Table(["Customer", "#P(alive)", $"#CLV {report.Horizon}d"],
            report.TopCustomers.Select(c => (IReadOnlyList<string>)[c.CustomerId, Html.Number(c.PAlive, 3), Html.Number(c.Clv, 2)]),
            "The ten customers with the highest predicted value");
    }
}
