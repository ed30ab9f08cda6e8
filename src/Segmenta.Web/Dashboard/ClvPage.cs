using System.Globalization;
using Segmenta.Lifetime;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// Lifetime value: the models fitted and chosen, calibration against holdout, the cumulative tracking chart, P(alive)
/// over repeat purchases × recency, the CLV distribution and the most valuable customers (the report's section, live).
/// </summary>
internal static class ClvPage
{
    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Lifetime value", "/clv");
        if (LifetimeView.Load(store) is not { } view)
        {
            page.Paragraph("This database holds no lifetime-value run: run segmenta analyze FILE --out DIR (or segmenta clv) and reload.", "note");
            return page.Render();
        }
        page.Paragraph($"Predictions use {view.Model}: {view.ChoiceReason}. Time unit {view.TimeUnit}; CLV over {view.Horizon} days, discounted at {Page.P(view.DiscountRate)} a year.");
        page.Table(["Period", "Model", "Parameters", "#Log-likelihood", "#Customers", "Status"],
            view.Fits.Select(f => (IReadOnlyList<string>)
            [
                f.Period, f.Chosen ? $"{f.Model} (used)" : f.Model, f.Parameters, f.LogLikelihood is { } ll ? Page.N(ll, 2) : "", Page.N(f.Customers),
                !f.Converged ? "did not converge" : f.AtBoundary ? "maximum on the boundary" : "converged",
            ]), "fits");
        if (view.Holdout.Count > 0)
        {
            var groups = view.Holdout.Where(h => h.FrequencyGroup != "total" && h.Customers > 0).ToList();
            var labels = groups.Select(g => g.FrequencyGroup).ToArray();
            page.Chart("holdout", new object[]
                {
                    new { type = "scatter", mode = "lines+markers", name = "actual", x = labels, y = groups.Select(g => Math.Round(g.ActualPurchases / g.Customers, 4)).ToArray() },
                    new { type = "scatter", mode = "lines+markers", name = view.Model, x = labels, y = groups.Select(g => Math.Round(g.PredictedPurchases / g.Customers, 4)).ToArray() },
                    new { type = "scatter", mode = "lines+markers", name = "naive (past rate)", x = labels, y = groups.Select(g => Math.Round(g.BaselinePurchases / g.Customers, 4)).ToArray() },
                },
                new { title = new { text = "Calibration against holdout: purchases per customer after the calibration end" },
                    xaxis = new { title = new { text = "Repeat purchases in the calibration period" }, type = "category" }, yaxis = new { title = new { text = "Holdout purchases per customer" } } },
                "Line chart of mean holdout purchases per customer, actual, predicted and naive, by calibration repeat purchases");
            page.Table(["Group", "#Customers", "#Actual", "#Predicted", "#Naive", "#MAE median model", "#MAE median naive", "#MAE mean model", "#MAE mean naive", "#RMSE mean model", "#RMSE mean naive"],
                view.Holdout.Select(h => (IReadOnlyList<string>)
                [
                    h.FrequencyGroup, Page.N(h.Customers), Page.N(h.ActualPurchases), Page.N(h.PredictedPurchases, 1), Page.N(h.BaselinePurchases, 1),
                    Page.N(h.ModelMedianMae, 3), Page.N(h.BaselineMedianMae, 3), Page.N(h.ModelMeanMae, 3), Page.N(h.BaselineMeanMae, 3),
                    Page.N(h.ModelMeanRmse, 3), Page.N(h.BaselineMeanRmse, 3),
                ]), "holdout");
        }
        if (view.Tracking.Count > 1)
        {
            var weeks = view.Tracking.Select(p => p.WeekEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
            page.Chart("tracking", new object[]
                {
                    new { type = "scatter", mode = "lines", name = "actual", x = weeks, y = view.Tracking.Select(p => p.ActualCumulative).ToArray() },
                    new { type = "scatter", mode = "lines", name = view.Model, x = weeks, y = view.Tracking.Select(p => Math.Round(p.PredictedCumulative, 2)).ToArray() },
                },
                new { title = new { text = "Cumulative repeat purchases by week, actual against predicted" },
                    xaxis = new { title = new { text = "Week ending" } }, yaxis = new { title = new { text = "Cumulative repeat purchases" } } },
                "Line chart of cumulative repeat purchases by week, actual and predicted by the model");
        }
        if (view.AliveGrid.Count > 0)
        {
            var cells = view.AliveGrid.ToDictionary(c => (c.Frequency, c.Recency));
            double? Cell(int f, int r) => cells.TryGetValue((f, r), out var c) ? Math.Round(c.PAlive, 3) : null;
            page.Chart("alive", new object[]
                {
                    new
                    {
                        type = "heatmap", x = LifetimeView.RecencyBuckets, y = LifetimeView.FrequencyBuckets,
                        z = Enumerable.Range(0, LifetimeView.FrequencyBuckets.Length).Select(f => Enumerable.Range(0, LifetimeView.RecencyBuckets.Length).Select(r => Cell(f, r)).ToArray()).ToArray(),
                        texttemplate = "%{z:.2f}", colorscale = "Viridis", zmin = 0, zmax = 1,
                        hovertemplate = "%{y} repeat purchases, %{x} days since the last: P(alive) %{z:.2f}<extra></extra>",
                    },
                },
                new { title = new { text = "P(alive) by repeat purchases and days since the last purchase" },
                    xaxis = new { title = new { text = "Days since the last purchase" }, type = "category" }, yaxis = new { title = new { text = "Repeat purchases" }, type = "category" } },
                "Heatmap of the mean probability of being active by repeat purchases and recency");
        }
        if (view.ClvDistribution.Count > 0)
        {
            var bands = view.ClvDistribution.ToDictionary(b => b.Band);
            page.Chart("distribution", new object[]
                {
                    new { type = "bar", x = LifetimeView.ClvBands, y = Enumerable.Range(0, LifetimeView.ClvBands.Length).Select(b => bands.TryGetValue(b, out var band) ? band.Customers : 0).ToArray() },
                },
                new { title = new { text = $"Customers by predicted CLV over {view.Horizon} days" }, xaxis = new { title = new { text = "CLV" }, type = "category" }, yaxis = new { title = new { text = "Customers" } } },
                "Bar chart of customers by predicted CLV band");
        }
        page.Table(["Churn risk", "#Customers", $"#Total CLV {view.Horizon}d", $"#Mean CLV {view.Horizon}d"],
            view.Tiers.Select(t => (IReadOnlyList<string>)[t.Tier, Page.N(t.Customers), t.TotalClv is { } total ? Page.N(total) : "", t.MeanClv is { } mean ? Page.N(mean, 2) : ""]), "tiers");
        page.Paragraph($"Tiers: {view.ChurnRule}.", "note");
        if (view.ChurnHoldout.Count > 0)
        {
            page.Table(["Ranking", "Tier", "#Customers", "#Bought in the holdout", "#Share", "#AUC"],
                view.ChurnHoldout.Select(c => (IReadOnlyList<string>)
                [
                    c.Ranking == "model" ? view.Model : "recency alone", c.Tier, Page.N(c.Customers), Page.N(c.Buyers),
                    c.BuyerShare is { } share ? Page.P(share) : "", c.Auc is { } auc ? Page.N(auc, 3) : "",
                ]), "churn-holdout");
        }
        page.Table(["Customer", "#P(alive)", $"#CLV {view.Horizon}d"],
            view.TopCustomers.Select(c => (IReadOnlyList<string>)[c.CustomerId, Page.N(c.PAlive, 3), Page.N(c.Clv, 2)]), "top");
        return page.Render();
    }
}
