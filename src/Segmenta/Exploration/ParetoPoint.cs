namespace Segmenta.Exploration;

/// <summary>One point of the Pareto curve: the revenue of the top CustomerPercent% of customers by spend.</summary>
/// <param name="CustomerPercent">x, from 1 to 100.</param>
/// <param name="TopCustomers">ceil(x% of customers).</param>
/// <param name="Revenue">Their revenue.</param>
/// <param name="RevenueShare">Their share of all revenue.</param>
public sealed record ParetoPoint(int CustomerPercent, long TopCustomers, double Revenue, double RevenueShare);
