using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Profiling;

/// <summary>
/// Profiles every segmentation in customer_segments: sizes, revenue, feature means and indexes, countries, products,
/// RFM mix; then names, explains and pairs each segment with a playbook action, and writes insight sentences.
/// Results go to the store (segment_catalog, segment_insights and the profile tables) for the report and dashboard.
/// </summary>
public static class Profiler
{
    /// <summary>Profiles all segmentations the store holds (at least the RFM one, which is written first).</summary>
    public static IReadOnlyList<ProfiledSegmentation> Run(SegmentaStore store, ProfilingOptions options) => Run(store, options, topProductsElsewhere: null);

    /// <summary>As the public overload; <paramref name="topProductsElsewhere"/> makes segment_top_products where the lines are (the PostgreSQL engine).</summary>
    internal static IReadOnlyList<ProfiledSegmentation> Run(SegmentaStore store, ProfilingOptions options, Action<SegmentaStore>? topProductsElsewhere)
    {
        SegmentMembership.WriteRfm(store);
        if (topProductsElsewhere is null)
        {
            ProfileLoader.Compute(store);
        }
        else
        {
            ProfileLoader.Compute(store, topProductsElsewhere);
        }
        var segmentations = store.Query("SELECT DISTINCT segmentation FROM customer_segments ORDER BY segmentation = 'rfm', segmentation", r => SegmentationKinds.Parse(r.GetString(0)));
        // The lifetime values of every segmentation's segments, read once (profiling renames segments, never moves customers).
        var values = Lifetime.SegmentValues.Load(store);
        var results = segmentations.Select(s => Profile(store, s, options, values)).ToList();
        Save(store, results, replaceAll: true);
        return results;
    }

    /// <summary>
    /// Profiles one segmentation that was just (re)written in customer_segments, e.g. by a dashboard re-run; the stored
    /// profiles of the others (the RFM segments) are kept as they are, those of segmentations no longer stored dropped.
    /// </summary>
    public static ProfiledSegmentation Run(SegmentaStore store, ProfilingOptions options, SegmentationKind only)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ProfileLoader.Compute(store, only);
        var result = Profile(store, only, options, Lifetime.SegmentValues.Load(store));
        Save(store, [result], replaceAll: false);
        return result;
    }

    private static ProfiledSegmentation Profile(SegmentaStore store, SegmentationKind segmentation, ProfilingOptions options,
        IReadOnlyDictionary<(string Segmentation, int SegmentId), Lifetime.SegmentValue> values)
    {
        var profiles = ProfileLoader.Load(store, segmentation, values);
        options.NameOverrides.TryGetValue(segmentation.Id(), out var overrides);
        var extreme = segmentation == SegmentationKind.Rfm ? null : Segmentation.SegmentationStage.ExtremeSegment(store);
        var names = segmentation == SegmentationKind.Rfm
            ? profiles.ToDictionary(p => p.SegmentId, p => overrides is not null && overrides.TryGetValue(p.SegmentId, out var n) ? n : p.GivenName ?? $"Segment {p.SegmentId}")
            : NameClusters(profiles, overrides, extreme, ClusteringFeatures(store));
        SegmentMembership.Rename(store, segmentation, names);
        var isRfm = segmentation == SegmentationKind.Rfm;
        // RFM segments are defined by the map, so their rule is exact; clusters are explained by a surrogate tree.
        var (explanations, fidelity) = isRfm
            ? (profiles.ToDictionary(p => p.SegmentId, p => RfmSegmentActions.Explain(p.GivenName ?? "")), 1.0)
            : SegmentExplainer.Explain(store, segmentation, options.Currency);
        var overallReturns = InsightWriter.OverallReturnsRate(profiles);
        var segments = profiles.Select(p => new ProfiledSegment(
            p with { GivenName = names[p.SegmentId] }, names[p.SegmentId], explanations[p.SegmentId],
            isRfm ? RfmSegmentActions.Choose(p.GivenName ?? "", options.Playbook) : options.Playbook.Choose(p, overallReturns))).ToList();
        var insights = InsightWriter.Write(segments.Select(s => (s.Profile, s.Name)).ToList(), options.Currency, extreme);
        return new ProfiledSegmentation(segmentation, segments, fidelity, insights);
    }

    /// <summary>The features the stored clustering was built on (from its saved model), or null when there is none.</summary>
    private static IReadOnlyList<string>? ClusteringFeatures(SegmentaStore store) =>
        store.HasTable("segmentation_runs") && store.Scalar<string>("SELECT model_json FROM segmentation_runs LIMIT 1") is { } json
            ? Segmentation.SegmentationModel.FromJson(json, "the stored segmentation model").Features
            : null;

    /// <summary>Names clusters by the naming rules; the extreme customers' group (outside the clusters) has its own name.</summary>
    private static Dictionary<int, string> NameClusters(IReadOnlyList<SegmentProfile> profiles, IReadOnlyDictionary<int, string>? overrides, int? extreme,
        IReadOnlyList<string>? clusteringFeatures)
    {
        var names = SegmentNamer.Name([.. profiles.Where(p => p.SegmentId != extreme)], overrides, clusteringFeatures);
        if (extreme is { } id && profiles.Any(p => p.SegmentId == id))
        {
            names[id] = overrides is not null && overrides.TryGetValue(id, out var given) ? given : Segmentation.ExtremeCustomers.GroupName;
        }
        return names;
    }

    /// <summary>Appends insight sentences a later stage wrote about a segmentation (product categories) after its own.</summary>
    internal static void AddInsights(SegmentaStore store, SegmentationKind segmentation, IReadOnlyList<string> insights)
    {
        if (insights.Count == 0)
        {
            return;
        }
        var position = store.Scalar<int?>("SELECT max(position) FROM segment_insights WHERE segmentation = $s", ("s", segmentation.Id())) ?? 0;
        // Appended, not one INSERT per sentence: a statement costs more than the row it writes.
        using var appender = store.Connection.CreateAppender("segment_insights");
        foreach (var insight in insights)
        {
            appender.CreateRow().AppendValue(segmentation.Id()).AppendValue(++position).AppendValue(insight).EndRow();
        }
    }

    private static void Save(SegmentaStore store, IReadOnlyList<ProfiledSegmentation> results, bool replaceAll)
    {
        if (replaceAll || !store.HasTable("segment_catalog"))
        {
            store.Execute(SqlScripts.Get("Profiling/segment_catalog.sql"));
        }
        else
        {
            const string gone = "segmentation NOT IN (SELECT DISTINCT segmentation FROM customer_segments)";
            foreach (var result in results)
            {
                store.Execute($"DELETE FROM segment_catalog WHERE segmentation = $s OR {gone}; DELETE FROM segment_insights WHERE segmentation = $s OR {gone}", ("s", result.Segmentation.Id()));
            }
        }
        // Appended, not one INSERT per row: a statement costs more than the row it writes.
        using (var catalog = store.Connection.CreateAppender("segment_catalog"))
        {
            foreach (var result in results)
            {
                foreach (var s in result.Segments)
                {
                    catalog.CreateRow().AppendValue(result.Segmentation.Id()).AppendValue(s.Profile.SegmentId).AppendValue(s.Name).AppendValue(s.Explanation.Rule)
                        .AppendValue(s.Explanation.Fidelity).AppendValue(result.ExplanationFidelity).AppendValue(s.Action.PlaybookEntry).AppendValue(s.Action.Action)
                        .AppendValue(s.Action.Reasoning).EndRow();
                }
            }
        }
        using var insights = store.Connection.CreateAppender("segment_insights");
        foreach (var result in results)
        {
            for (var i = 0; i < result.Insights.Count; i++)
            {
                insights.CreateRow().AppendValue(result.Segmentation.Id()).AppendValue(i + 1).AppendValue(result.Insights[i]).EndRow();
            }
        }
    }
}
