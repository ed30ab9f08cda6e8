using Segmenta.Recommending;
using Segmenta.Store;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// Recommendations: what ranked the new picks of the stored run — the discovery model, or a popularity list where the
/// model did not beat it on held-out validation customers — with the comparison behind each choice. Reads the stored
/// choice (<see cref="StoredRecommendations.NewPicks"/>), as the report, recommendation-new-picks.csv and
/// GET /api/recommendations/new-picks do. A customer's own list is on the Customer page.
/// </summary>
internal static class RecommendationsPage
{
    internal static string Render(SegmentaStore store)
    {
        var page = new Page("Recommendations", "/recommendations");
        var choices = StoredRecommendations.NewPicks(store);
        if (choices.Count == 0)
        {
            page.Paragraph("This database holds no recommendation run (or one made before the choice of the new picks was stored): run segmenta analyze FILE --out DIR and reload.", "note");
            return page.Render();
        }
        page.Paragraph("Each list mixes buy-again picks and new products. The new products are ranked by the discovery model only where it beat the best-seller lists on customers it was not fitted on (a 95% bootstrap interval of the difference above zero); otherwise by that best-seller list.");
        page.Paragraph(NewPicksChoice.Sentence(choices), "new-picks");
        page.Table(["Choice", "Validation window", "Ranked by", "#Held-out customers", "#Model precision@10", "#Global popularity", "#Recent popularity", "#Difference", "#95% interval"],
            choices.Select(c => (IReadOnlyList<string>)
            [
                c.Scope.ToString(), c.ValidationDay is { } from ? $"{from:yyyy-MM-dd} to {c.ReferenceDay:yyyy-MM-dd}" : $"none before {c.ReferenceDay:yyyy-MM-dd}",
                c.RankedBy.ToString(), Page.N(c.Customers), Page.N(c.ModelPrecision, 4), Page.N(c.GlobalPopularityPrecision, 4), Page.N(c.RecentPopularityPrecision, 4),
                Signed(c.Difference), double.IsFinite(c.DifferenceLow) ? $"{Signed(c.DifferenceLow)} – {Signed(c.DifferenceHigh)}" : "",
            ]), "new-picks-table");
        page.Paragraph("A customer's own list, with the reason for each pick, is on the Customer page; GET /api/recommendations/new-picks gives this choice as JSON.", "note");
        return page.Render();
    }

    private static string Signed(double value) =>
        double.IsFinite(value) ? value.ToString("+0.0000;-0.0000;0.0000", System.Globalization.CultureInfo.InvariantCulture) : "";
}
