using Segmenta.Features;

namespace Segmenta.Profiling;

/// <summary>
/// The explanation and action of an RFM segment. RFM segments are defined by the documented RFM map
/// (Features/rfm_segments.csv), so their rule is exact (fidelity 100 %) and their action is the map's, unless the
/// user's playbook has an entry for that segment by name (<c>"when": {"rfmSegment": "New Customers"}</c>), which wins.
/// Profiling decides this once; every output (report, segments.csv, activation lists, insights, API) reads the
/// stored result, so an RFM segment can never show two different actions.
/// </summary>
internal static class RfmSegmentActions
{
    /// <summary>The playbook entry id recorded for actions taken from the RFM map.</summary>
    internal const string MapEntry = "rfm-map";

    /// <summary>The exact rule of an RFM segment: the cells of the map it covers, in words.</summary>
    internal static SegmentExplanation Explain(string segment)
    {
        var cells = RfmSegmentRule.Default.Where(r => r.Segment == segment).ToList();
        if (cells.Count == 0)
        {
            return new SegmentExplanation(SegmentExplainer.NoRule, 0);
        }
        static string Range(string name, int min, int max) => min == max ? $"{name} score {min}" : $"{name} score {min}–{max}";
        var rule = string.Join(" or ", cells.Select(c => $"{Range("R", c.RMin, c.RMax)} and {Range("FM", c.FmMin, c.FmMax)}"));
        return new SegmentExplanation(rule, 1);
    }

    /// <summary>The action of an RFM segment: the user's playbook entry for it by name, else the RFM map's action.</summary>
    internal static SegmentAction Choose(string segment, Playbook playbook)
    {
        if (playbook.Entries.FirstOrDefault(e => string.Equals(e.When.RfmSegment, segment, StringComparison.OrdinalIgnoreCase)) is { } entry)
        {
            return new SegmentAction(entry.Id, entry.Action, $"{entry.Why} (playbook entry for the RFM segment {segment})");
        }
        var cell = RfmSegmentRule.Default.FirstOrDefault(r => r.Segment == segment);
        return cell is null
            ? new SegmentAction("none", "", "not a segment of the RFM map")
            : new SegmentAction(MapEntry, cell.Action, $"{cell.Meaning} (RFM map: {Explain(segment).Rule})");
    }
}
