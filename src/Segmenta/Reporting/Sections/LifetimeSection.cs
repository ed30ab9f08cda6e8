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
            html.Table(["Repeat purchases before " + report.CalibrationEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "#Customers", "#Actual", "#Predicted", "#Naive (past rate)", "#MAE median model", "#MAE median naive", "#MAE mean model", "#MAE mean naive", "#RMSE mean model", "#RMSE mean naive"],
                report.Holdout.Select(h => (IReadOnlyList<string>)
                [
                    h.FrequencyGroup, Html.Number(h.Customers), Html.Number(h.ActualPurchases), Html.Number(h.PredictedPurchases, 1),
                    Html.Number(h.BaselinePurchases, 1), Html.Number(h.ModelMedianMae, 3), Html.Number(h.BaselineMedianMae, 3),
                    Html.Number(h.ModelMeanMae, 3), Html.Number(h.BaselineMeanMae, 3), Html.Number(h.ModelMeanRmse, 3), Html.Number(h.BaselineMeanRmse, 3),
                ]),
                "Holdout: purchases after the calibration end, predicted against actual");
            html.Paragraph("Two point forecasts per customer: the median of the predicted count (the best answer for the mean absolute error, MAE) and the expected count (the best answer for the root mean squared error, RMSE; its MAE is shown too). The naive baseline carries each customer's past rate over the holdout (as a Poisson count for its median). Lower is better.");
            WriteHoldoutChart(html, report);
        }
        WriteTrackingChart(html, report);
        if (report.SpendFrequencyCorrelation is { } r)
        {
            html.Paragraph($"The spend model assumes spend per purchase does not depend on how often a customer buys; their correlation among repeat customers is {Html.Number(r, 2)}{(Math.Abs(r) > 0.3 ? ", high enough to treat expected spend with caution" : "")}.");
        }
        html.Table(["Churn risk", "#Customers", $"#Total CLV {report.Horizon}d", $"#Mean CLV {report.Horizon}d"],
            report.Tiers.Select(t => (IReadOnlyList<string>)[t.Tier, Html.Number(t.Customers), t.TotalClv is { } total ? Html.Number(total) : "", t.MeanClv is { } mean ? Html.Number(mean, 2) : ""]),
            $"Churn risk tiers ({report.ChurnRule})");
        WriteChurnHoldout(html, report);
        WriteAliveHeatmap(html, report);
        WriteClvDistribution(html, report);
        html.Table(["Customer", "#P(alive)", $"#CLV {report.Horizon}d"],
            report.TopCustomers.Select(c => (IReadOnlyList<string>)[c.CustomerId, Html.Number(c.PAlive, 3), Html.Number(c.Clv, 2)]),
            "The ten customers with the highest predicted value");
    }

    internal const string HoldoutChart = "Calibration against holdout";
    internal const string TrackingChart = "Cumulative repeat purchases, actual against predicted";
    internal const string AliveChart = "P(alive) by repeat purchases and recency";
    internal const string ClvChart = "Distribution of predicted CLV";

    private static void WriteHoldoutChart(Html html, Lifetime.LifetimeView report)
    {
        // Groups without customers have no mean; the x of a group is its number of repeat purchases.
        var groups = report.Holdout.Where(h => h.FrequencyGroup != "total" && h.Customers > 0).ToList();
        double[] xs = [.. groups.Select(g => double.Parse(g.FrequencyGroup.TrimEnd('+'), System.Globalization.CultureInfo.InvariantCulture))];
        static double PerCustomer(double total, long customers) => total / customers;
        var svg = ChartFactory.Lines(HoldoutChart, xs,
            [
                ("actual", [.. groups.Select(g => PerCustomer(g.ActualPurchases, g.Customers))]),
                (report.Model, [.. groups.Select(g => PerCustomer(g.PredictedPurchases, g.Customers))]),
                ("naive (past rate)", [.. groups.Select(g => PerCustomer(g.BaselinePurchases, g.Customers))]),
            ],
            "Repeat purchases in the calibration period (7 = 7 or more)", "Holdout purchases per customer", [], integerTicks: true);
        html.Figure(HoldoutChart, "Mean purchases per customer in the holdout, actual, predicted by the model and by the naive past rate, for each number of repeat purchases before the calibration end.", svg);
    }

    private static void WriteTrackingChart(Html html, Lifetime.LifetimeView report)
    {
        if (report.Tracking.Count < 2)
        {
            return;
        }
        double[] xs = [.. report.Tracking.Select(p => (double)p.Week)];
        IReadOnlyList<(double, string)> marks = report.CalibrationEnd is { } end && report.Tracking.FirstOrDefault(p => p.WeekEnd >= end) is { } cut
            ? [(cut.Week, $"calibration end {end:yyyy-MM-dd}")]
            : [];
        var svg = ChartFactory.Lines(TrackingChart, xs,
            [("actual", [.. report.Tracking.Select(p => p.ActualCumulative)]), (report.Model, [.. report.Tracking.Select(p => p.PredictedCumulative)])],
            $"Week (1 = week of {report.Tracking[0].WeekEnd.AddDays(-6):yyyy-MM-dd})", "Cumulative repeat purchases", marks);
        var last = report.Tracking[^1];
        html.Figure(TrackingChart,
            $"Repeat purchases of the customers seen by the calibration end, added up week by week, against the model's expectation from each customer's first purchase; by the last week {Html.Number(last.ActualCumulative)} actual against {Html.Number(last.PredictedCumulative, 0)} predicted.",
            svg);
    }

    private static void WriteChurnHoldout(Html html, Lifetime.LifetimeView report)
    {
        if (report.ChurnHoldout.Count == 0)
        {
            return;
        }
        html.Table(["Ranking", "Tier", "#Customers", "#Bought in the holdout", "#Share", "#AUC"],
            report.ChurnHoldout.Select(c => (IReadOnlyList<string>)
            [
                c.Ranking == "model" ? report.Model : "recency alone (same tier sizes)", c.Tier, Html.Number(c.Customers), Html.Number(c.Buyers),
                c.BuyerShare is { } share ? Html.Percent(share) : "", c.Auc is { } auc ? Html.Number(auc, 3) : "",
            ]),
            "Churn tiers on the holdout: customers tiered at the calibration end by the probability of no purchase over the holdout's length, and how many bought");
        html.Paragraph("A useful tier sees fewer buyers as the risk rises. AUC: the chance that a customer who did not buy is ranked at higher risk than one who did (0.5 is chance); recency alone ranks by days since the last purchase.");
    }

    private static void WriteAliveHeatmap(Html html, Lifetime.LifetimeView report)
    {
        if (report.AliveGrid.Count == 0)
        {
            return;
        }
        var rows = Lifetime.LifetimeView.FrequencyBuckets;
        var columns = Lifetime.LifetimeView.RecencyBuckets;
        var values = new double[rows.Length, columns.Length];
        var counts = new long[rows.Length, columns.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < columns.Length; j++)
            {
                values[i, j] = double.NaN;
            }
        }
        foreach (var cell in report.AliveGrid)
        {
            values[cell.Frequency, cell.Recency] = cell.PAlive;
            counts[cell.Frequency, cell.Recency] = cell.Customers;
        }
        var svg = ChartFactory.Heatmap(AliveChart, values, rows, columns, "Days since the last purchase", "Repeat purchases",
            (i, j) => double.IsFinite(values[i, j]) ? Html.Number(values[i, j], 2) : "", (0, 1), v => Html.Number(v, 2));
        html.Figure(AliveChart, "Mean probability that a customer is still active, by number of repeat purchases and days since the last purchase; empty cells have no customers.", svg);
    }

    private static void WriteClvDistribution(Html html, Lifetime.LifetimeView report)
    {
        if (report.ClvDistribution.Count == 0)
        {
            return;
        }
        var labels = Lifetime.LifetimeView.ClvBands;
        var customers = new double[labels.Length];
        foreach (var band in report.ClvDistribution)
        {
            customers[band.Band] = band.Customers;
        }
        var svg = ChartFactory.Bars(ClvChart, labels, customers, $"CLV over {report.Horizon} days", "Customers");
        var total = report.ClvDistribution.Sum(b => b.Clv);
        var top = report.ClvDistribution.Where(b => b.Band >= 6).Sum(b => b.Clv);
        html.Figure(ClvChart, $"Customers by predicted CLV band; the customers above 1,000 hold {Html.Percent(total > 0 ? top / total : 0)} of the predicted value.", svg);
    }
}
