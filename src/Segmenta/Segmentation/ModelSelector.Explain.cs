using System.Globalization;

namespace Segmenta.Segmentation;

public static partial class ModelSelector
{
    /// <summary>What the guards left when every k failed them.</summary>
    internal enum Fallback
    {
        /// <summary>Some k passed both guards.</summary>
        None,
        /// <summary>No k was stable: the k's with big enough segments competed.</summary>
        SizeOnly,
        /// <summary>No k passed the size guard: all competed.</summary>
        All,
    }

    /// <summary>Everything the explanation may say, all derived from the table by <see cref="Choose"/>.</summary>
    internal sealed record SelectionFacts(
        IReadOnlyList<ModelSelectionRow> Rows,
        int Chosen,
        int? Knee,
        IReadOnlyList<int> Candidates,
        IReadOnlyList<(string Criterion, int K)> CandidateVotes,
        IReadOnlyList<(string Criterion, int K)> WholeRangeVotes,
        Fallback Fallback,
        SegmentationOptions Options);

    /// <summary>The "why k" sentence. Every number and every "prefers" in it is read from <paramref name="facts"/>.</summary>
    internal static string Explain(SelectionFacts facts)
    {
        var row = facts.Rows.Single(r => r.K == facts.Chosen);
        var curve = facts.Options.Algorithm == ClusteringAlgorithm.GaussianMixture && row.Bic is not null ? "BIC" : "inertia";
        var range = Range(facts.Candidates);
        var agree = facts.CandidateVotes.Where(v => v.K == facts.Chosen).Select(v => v.Criterion).ToList();
        var best = $"{Join(agree)} {(agree.Count == 1 ? "is" : "are")} best at k={facts.Chosen}";
        var text = facts.Candidates.Count == 1
            ? $"k={facts.Chosen}: " + facts.Knee switch
            {
                { } near when Math.Abs(near - facts.Chosen) <= 1 => $"the elbow of {curve} is at k={near} and k={facts.Chosen} is the only eligible k within one of it",
                { } far => $"the elbow of {curve} is at k={far} but k={facts.Chosen} is the only eligible k",
                null => $"the {curve} curve has no clear elbow and k={facts.Chosen} is the only eligible k",
            }
            : facts.Knee is { } knee
                ? $"k={facts.Chosen}: the elbow of {curve} is at k={knee}, and among {range} {best}"
                : $"k={facts.Chosen}: the {curve} curve has no clear elbow; among {range}, {best}";
        var others = facts.Candidates.Count == 1 ? [] : facts.CandidateVotes.Where(v => v.K != facts.Chosen).Select(v => $"{v.Criterion} prefers k={v.K}").ToList();
        if (others.Count > 0)
        {
            text += $" ({Join(others)})";
        }
        text += Invariant($". Silhouette {row.Silhouette:0.000}, Davies-Bouldin {row.DaviesBouldin:0.000}, Calinski-Harabasz {row.CalinskiHarabasz:0.0}");
        if (row.Bic is { } bic)
        {
            text += Invariant($", BIC {bic:0}");
        }
        if (!double.IsNaN(row.StabilityMean))
        {
            text += Invariant($", bootstrap stability (ARI) {row.StabilityMean:0.00} on average, {row.StabilityLow:0.00} at the 10th percentile");
        }
        text += $", smallest segment {Percent(row.SmallestShare)} of customers";
        text += WholeRange(facts);
        text += SetAside(facts);
        return text + ".";
    }

    /// <summary>What each criterion alone would pick over the whole range; "disagree" only when they pick different k's.</summary>
    private static string WholeRange(SelectionFacts facts)
    {
        var picks = facts.WholeRangeVotes;
        var distinct = picks.Select(v => v.K).Distinct().ToList();
        var coarsest = facts.Rows.Min(r => r.K);
        if (distinct.Count == 1)
        {
            var k = distinct[0];
            return k == facts.Chosen
                ? $". Over the whole range every criterion also picks k={k}"
                : $". Over the whole range {Join(picks.Select(v => v.Criterion).ToList())} alone would all pick k={k}{(k == coarsest ? ", the coarsest split" : "")}";
        }
        var away = picks.Where(v => v.K != facts.Chosen).Select(v => $"{v.Criterion} alone would pick k={v.K}").ToList();
        return $". Over the whole range the criteria disagree: {Join(away)}";
    }

    private static string SetAside(SelectionFacts facts)
    {
        var small = facts.Rows.Where(r => TooSmall(r, facts.Options)).Select(r => r.K).ToList();
        var unstable = facts.Rows.Where(Unstable).Select(r => r.K).ToList();
        var parts = new List<string>();
        if (small.Count > 0)
        {
            parts.Add($"{Ks(small)} {(small.Count == 1 ? "has" : "have")} a segment under {Percent(facts.Options.MinSegmentShare)} of customers");
        }
        if (unstable.Count > 0)
        {
            parts.Add(Invariant($"{Ks(unstable)} {(unstable.Count == 1 ? "is" : "are")} unstable (10th-percentile bootstrap ARI below {StableAri:0.00})"));
        }
        if (parts.Count == 0)
        {
            return "";
        }
        var setAside = facts.Rows.Count(r => r.SetAside is not null);
        var text = $". {setAside} of {facts.Rows.Count} k's were set aside: {Join(parts)}";
        return facts.Fallback switch
        {
            Fallback.SizeOnly => text + "; as no k passed both guards, the k's with big enough segments competed",
            Fallback.All => text + "; as no k passed the size guard, all k's competed",
            _ => text,
        };
    }

    private static string Ks(IReadOnlyList<int> ks) => ks.Count == 1 ? $"k={ks[0]}" : "k=" + Join(ks.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToList());

    private static string Range(IReadOnlyList<int> ks)
    {
        var sorted = ks.Order().ToList();
        var contiguous = sorted[^1] - sorted[0] == sorted.Count - 1;
        return sorted.Count == 1 ? $"k={sorted[0]}" : contiguous ? $"k={sorted[0]}..{sorted[^1]}" : Ks(sorted);
    }

    private static string Percent(double share) => Invariant($"{100 * share:0.#} %");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "no criterion",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
