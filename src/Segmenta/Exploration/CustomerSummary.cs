namespace Segmenta.Exploration;

/// <summary>Customers at a glance: one-time vs repeat buyers and the spread of orders and spend.</summary>
/// <param name="Customers">Customers with at least one kept line.</param>
/// <param name="OneTimeCustomers">Customers with exactly one order.</param>
/// <param name="RepeatCustomers">Customers with two or more orders.</param>
/// <param name="RepeatShare">Repeat customers / customers.</param>
/// <param name="RepeatRevenueShare">Share of revenue made by repeat customers.</param>
/// <param name="MeanOrders">Mean orders per customer.</param>
/// <param name="MedianOrders">Median orders per customer.</param>
/// <param name="MeanSpend">Mean spend (kept revenue) per customer.</param>
/// <param name="MedianSpend">Median spend per customer.</param>
/// <param name="SpendP90">90th percentile of spend per customer.</param>
/// <param name="Revenue">Revenue of all kept lines.</param>
public sealed record CustomerSummary(
    long Customers, long OneTimeCustomers, long RepeatCustomers, double RepeatShare, double RepeatRevenueShare, double MeanOrders, double MedianOrders,
    double MeanSpend, double MedianSpend, double SpendP90, double Revenue);
