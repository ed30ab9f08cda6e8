using Segmenta.Recommending;

namespace Segmenta.Reporting.Sections;

/// <summary>
/// The part of the recommendations section that says what ranked the new picks — the discovery model, or a popularity
/// list where the model did not beat it on held-out validation customers — with the comparison behind each choice, read
/// from the stored <see cref="NewPicksChoice"/> rows (the terminal, recommendation-new-picks.csv and the dashboard
/// give the same sentence and numbers).
/// </summary>
internal static class NewPicksPart
{
    internal static void Write(Html html, IReadOnlyList<NewPicksChoice> choices)
    {
        if (choices.Count == 0)
        {
            return;
        }
        html.Paragraph(NewPicksChoice.Sentence(choices));
        html.Table(["Choice", "Validation window", "Ranked by", "#Held-out customers", "#Model precision@10", "#Global popularity", "#Recent popularity", "#Difference", "#95% interval"],
            choices.Select(c => (IReadOnlyList<string>)
            [
                c.Scope == NewPicksScope.Evaluation ? "Evaluation" : "Lists", Window(c), c.RankedBy.ToString(), Html.Number(c.Customers),
                Html.Number(c.ModelPrecision, 4), Html.Number(c.GlobalPopularityPrecision, 4), Html.Number(c.RecentPopularityPrecision, 4),
                Signed(c.Difference), double.IsFinite(c.DifferenceLow) ? $"{Signed(c.DifferenceLow)} – {Signed(c.DifferenceHigh)}" : "",
            ]),
            "New picks: the discovery model or popularity, judged on held-out validation customers (difference over the better popularity list; percentile bootstrap)");
    }

    private static string Window(NewPicksChoice c) =>
        c.ValidationDay is { } from ? $"{from:yyyy-MM-dd} to {c.ReferenceDay:yyyy-MM-dd}" : $"none before {c.ReferenceDay:yyyy-MM-dd}";

    /// <summary>"+0.0467", "-0.0037", "0.0000" (never "-0.0000"); empty when missing.</summary>
    private static string Signed(double value) =>
        double.IsFinite(value) ? value.ToString("+0.0000;-0.0000;0.0000", System.Globalization.CultureInfo.InvariantCulture) : "";
}
