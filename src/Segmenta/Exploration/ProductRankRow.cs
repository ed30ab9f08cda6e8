namespace Segmenta.Exploration;

/// <summary>One product in one top list.</summary>
/// <param name="Ranking">What the list is ranked by.</param>
/// <param name="Rank">1 = first; ties broken by stock code.</param>
/// <param name="StockCode">The product's stock code.</param>
/// <param name="Description">The product's name (Cleaning/product_names.sql: the description on most of its kept purchase lines); null when it has none.</param>
/// <param name="Quantity">Units sold on kept lines.</param>
/// <param name="Revenue">Revenue of kept lines.</param>
/// <param name="Customers">Distinct customers who bought it.</param>
/// <param name="Lines">Kept lines with the product (an order normally lists a product once, so about the orders that contain it).</param>
/// <param name="ReturnedQuantity">Units on cancellation and return lines (positive).</param>
/// <param name="ReturnedLines">Cancellation and return lines.</param>
/// <param name="ReturnedValue">Value of those lines (positive).</param>
/// <param name="ReturnRate">Returned units / units sold, at most 1 (returns are matched to purchases in the data); NaN when none sold or when the cleaning preset does not match returns.</param>
public sealed record ProductRankRow(
    ProductRanking Ranking, int Rank, string StockCode, string? Description, double Quantity, double Revenue, long Customers, long Lines,
    double ReturnedQuantity, long ReturnedLines, double ReturnedValue, double ReturnRate);
