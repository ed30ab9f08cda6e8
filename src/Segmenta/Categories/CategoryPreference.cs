using Segmenta.Segmentation;

namespace Segmenta.Categories;

/// <summary>
/// What one segment spends on one category: gross spend on kept purchase lines, its share of the segment's spend and
/// the index against all the segmentation's customers (share / overall share; 1 = like everyone), and the same index
/// without the segment's biggest buyer of the category (<see cref="RobustIndex"/>; undefined with one buyer).
/// </summary>
public sealed record CategoryPreference(
    SegmentationKind Segmentation, int SegmentId, string Category, long Buyers, decimal Spend, decimal SegmentSpend,
    double Share, double OverallShare, double Index, decimal TopBuyerSpend, double RobustIndex);
