namespace Segmenta.Exploration;

/// <summary>The average retention curve at one month offset, over the cohorts observed for that long.</summary>
/// <param name="MonthOffset">Months after the cohort month.</param>
/// <param name="Cohorts">Cohorts observed at this offset.</param>
/// <param name="Customers">Their customers.</param>
/// <param name="MeanRetention">Plain mean of those cohorts' retention.</param>
/// <param name="WeightedRetention">Their active customers / their customers (larger cohorts weigh more).</param>
/// <param name="CumulativeRevenuePerCustomer">Their cumulative revenue per customer up to this offset, weighted by cohort size.</param>
public sealed record RetentionPoint(int MonthOffset, long Cohorts, long Customers, double MeanRetention, double WeightedRetention, double CumulativeRevenuePerCustomer);
