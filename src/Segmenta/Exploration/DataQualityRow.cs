namespace Segmenta.Exploration;

/// <summary>Lines that went one way at loading or cleaning.</summary>
/// <param name="Kind">Cleaning outcome or quarantine reason.</param>
/// <param name="Step">Order of the rule in the preset; quarantine reasons come after, from 1001.</param>
/// <param name="Name">The rule ('kept' for kept lines) or the quarantine reason.</param>
/// <param name="Description">Why the rule exists.</param>
/// <param name="Lines">Lines.</param>
/// <param name="Revenue">Sum of their amounts; null for quarantined lines, whose amounts are unknown.</param>
/// <param name="LineShare">Share of all lines read (loaded + quarantined).</param>
public sealed record DataQualityRow(DataQualityKind Kind, int Step, string Name, string Description, long Lines, double? Revenue, double LineShare);
