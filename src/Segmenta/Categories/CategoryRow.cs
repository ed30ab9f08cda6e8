namespace Segmenta.Categories;

/// <summary>
/// One category of out/exploration/categories.csv. Revenue is gross (the kept purchase lines, as the other exploration
/// tables); <see cref="NetRevenue"/> takes off the value of the category's returns.
/// </summary>
public sealed record CategoryRow(
    string Category, long Products, long Lines, decimal Quantity, decimal Revenue, long Customers,
    decimal ReturnedQuantity, decimal ReturnedValue, decimal NetRevenue, double RevenueShare);
