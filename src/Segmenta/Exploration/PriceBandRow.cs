namespace Segmenta.Exploration;

/// <summary>Kept lines whose unit price lies in [LowerPrice, UpperPrice).</summary>
/// <param name="Band">1 = cheapest band.</param>
/// <param name="LowerPrice">Lowest unit price in the band (inclusive).</param>
/// <param name="UpperPrice">Upper limit (exclusive); null for the open top band.</param>
/// <param name="Lines">Kept lines in the band.</param>
/// <param name="Quantity">Units on those lines.</param>
/// <param name="Revenue">Revenue of those lines.</param>
/// <param name="Products">Distinct stock codes on those lines.</param>
/// <param name="LineShare">Share of kept lines.</param>
/// <param name="RevenueShare">Share of revenue.</param>
public sealed record PriceBandRow(
    int Band, double LowerPrice, double? UpperPrice, long Lines, double Quantity, double Revenue, long Products, double LineShare, double RevenueShare);
