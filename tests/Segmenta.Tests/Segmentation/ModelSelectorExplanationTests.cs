using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

/// <summary>The "why k" sentence is generated from the criteria table and says nothing the table does not show.</summary>
public partial class ModelSelectorExplanationTests
{
    private static ModelSelectionRow Row(int k, double inertia, double silhouette, double db, double ch, double low, double share, double? bic = null) =>
        new(bic is null ? ClusteringAlgorithm.KMeans : ClusteringAlgorithm.GaussianMixture, k, inertia, silhouette, db, ch, bic, bic, bic is null ? null : -1.0,
            double.IsNaN(low) ? double.NaN : low + 0.05, double.IsNaN(low) ? double.NaN : 0.05, false, false)
        { StabilityLow = low, SmallestShare = share };

    [Fact]
    public void Criteria_that_all_pick_the_same_other_k_are_not_said_to_disagree()
    {
        // The issue's case: silhouette, Davies-Bouldin and Calinski-Harabasz all pick k=2 over the range, k=3 is chosen.
        var rows = new[]
        {
            Row(2, 9000, 0.46, 0.70, 4000, 0.9, 0.38),
            Row(3, 8000, 0.45, 0.73, 3900, 0.8, 0.17),
            Row(4, 3000, 0.38, 0.83, 3100, 0.7, 0.16),
            Row(5, 2500, 0.37, 0.85, 3000, 0.5, 0.08),
            Row(6, 2200, 0.36, 0.86, 2900, 0.5, 0.05),
        };

        var selection = ModelSelector.Choose(rows, new SegmentationOptions());

        Assert.Equal(3, selection.ChosenK); // the elbow is at 4; k=5 is unstable, so k=3 and 4 compete and k=3 scores better

        Assert.DoesNotContain("disagree", selection.Explanation);
        Assert.Contains("silhouette, Davies-Bouldin and Calinski-Harabasz alone would all pick k=2", selection.Explanation);
    }

    [Fact]
    public void A_k_with_a_tiny_segment_or_an_unstable_lower_bound_is_set_aside_even_with_the_best_scores()
    {
        var rows = new[]
        {
            Row(2, 8000, 0.30, 0.90, 2000, 0.95, 0.40),
            Row(3, 4000, 0.60, 0.50, 5000, 0.95, 0.002), // 7 customers in 4,333: wholesalers by accident
            Row(4, 3500, 0.55, 0.55, 4500, 0.40, 0.10), // mean ARI may look fine, the 10th percentile does not
            Row(5, 3300, 0.35, 0.80, 3000, 0.90, 0.09),
        };

        var selection = ModelSelector.Choose(rows, new SegmentationOptions());

        Assert.NotEqual(3, selection.ChosenK);
        Assert.NotEqual(4, selection.ChosenK);
        Assert.Equal("small segment", selection.Rows.Single(r => r.K == 3).SetAside);
        Assert.Equal("unstable", selection.Rows.Single(r => r.K == 4).SetAside);
        Assert.Contains("2 of 4 k's were set aside: k=3 has a segment under 2 % of customers and k=4 is unstable", selection.Explanation);
    }

    [Fact]
    public void Every_claim_of_the_sentence_matches_the_table()
    {
        var row = Gen.Select(Gen.Double[-0.2, 0.9], Gen.Double[0.2, 2.5], Gen.Double[100, 6000], Gen.Double[0, 1], Gen.Double[0, 0.5], Gen.Double[10, 1000]);
        Gen.Select(row.Array[2, 9], Gen.Bool, Gen.Bool).Sample((values, mixture, bootstrapOff) =>
        {
            var inertia = 10_000.0;
            var rows = values.Select((v, i) =>
            {
                inertia -= v.Item6;
                return Row(2 + i, inertia, v.Item1, v.Item2, v.Item3, bootstrapOff ? double.NaN : v.Item4, v.Item5, mixture ? 20_000 + v.Item3 : null);
            }).ToArray();
            var options = new SegmentationOptions { Algorithm = mixture ? ClusteringAlgorithm.GaussianMixture : ClusteringAlgorithm.KMeans };

            var selection = ModelSelector.Choose(rows, options);
            var text = selection.Explanation;
            var chosen = selection.Rows.Single(r => r.Chosen);

            // What each criterion alone picks over the whole range (ties to the smaller k).
            var best = new Dictionary<string, int>
            {
                ["silhouette"] = rows.OrderBy(r => r.K).MaxBy(r => r.Silhouette)!.K,
                ["Davies-Bouldin"] = rows.OrderBy(r => r.K).MinBy(r => r.DaviesBouldin)!.K,
                ["Calinski-Harabasz"] = rows.OrderBy(r => r.K).MaxBy(r => r.CalinskiHarabasz)!.K,
            };
            if (mixture)
            {
                best["BIC"] = rows.OrderBy(r => r.K).MinBy(r => r.Bic)!.K;
            }
            var disagree = best.Values.Distinct().Count() > 1;
            var claimsHold = AlonePicks().Matches(text).All(m => best[m.Groups[1].Value] == int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            var allPick = AllPick().Match(text);
            var setAside = selection.Rows.Count(r => r.SetAside is not null);
            var anyEligible = selection.Rows.Any(r => r.SetAside is null);
            return text.StartsWith($"k={selection.ChosenK}:", StringComparison.Ordinal)
                && chosen.K == selection.ChosenK
                && text.Contains("disagree", StringComparison.Ordinal) == disagree
                && claimsHold
                && (disagree || allPick.Success || text.Contains($"every criterion also picks k={selection.ChosenK}", StringComparison.Ordinal))
                && (!allPick.Success || best.Values.All(k => k == int.Parse(allPick.Groups[1].Value, CultureInfo.InvariantCulture)))
                && text.Contains(chosen.Silhouette.ToString("0.000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
                && (setAside == 0 ? !text.Contains("set aside", StringComparison.Ordinal) : text.Contains($"{setAside} of {rows.Length} k's were set aside", StringComparison.Ordinal))
                && (!anyEligible || chosen.SetAside is null);
        }, iter: 500);
    }

    [GeneratedRegex(@"([A-Za-z-]+) alone would pick k=(\d+)")]
    private static partial Regex AlonePicks();

    [GeneratedRegex(@"alone would all pick k=(\d+)")]
    private static partial Regex AllPick();
}
