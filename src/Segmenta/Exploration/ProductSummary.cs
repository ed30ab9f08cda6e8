namespace Segmenta.Exploration;

/// <summary>How many products sold, how concentrated their revenue is, and the unit price spread.</summary>
/// <param name="Products">Distinct stock codes on kept lines.</param>
/// <param name="Top10PercentProducts">ceil(10% of products): the size of the head of the long tail.</param>
/// <param name="Top10PercentRevenueShare">Share of revenue made by the top 10% of products by revenue.</param>
/// <param name="Top20PercentRevenueShare">Share of revenue made by the top 20% of products by revenue.</param>
/// <param name="MeanUnitPrice">Mean unit price over kept lines.</param>
/// <param name="UnitPriceP05">5th percentile of unit price over kept lines (linear interpolation).</param>
/// <param name="UnitPriceP25">25th percentile.</param>
/// <param name="UnitPriceMedian">Median.</param>
/// <param name="UnitPriceP75">75th percentile.</param>
/// <param name="UnitPriceP95">95th percentile.</param>
/// <param name="UnitPriceMax">Highest unit price.</param>
public sealed record ProductSummary(
    long Products, long Top10PercentProducts, double Top10PercentRevenueShare, double Top20PercentRevenueShare, double MeanUnitPrice,
    double UnitPriceP05, double UnitPriceP25, double UnitPriceMedian, double UnitPriceP75, double UnitPriceP95, double UnitPriceMax);
