namespace Segmenta.Exploration;

/// <summary>
/// Every exploration table, read from the store (tables exploration_*). Money is in the data's currency; revenue is
/// the sum of kept line amounts (quantity x unit price), before returns are netted out.
/// </summary>
public sealed record ExplorationResult
{
    /// <summary>One row per calendar month from the first to the last month with sales.</summary>
    public required IReadOnlyList<MonthlyRow> Monthly { get; init; }

    /// <summary>One row per calendar year with sales.</summary>
    public required IReadOnlyList<YearlyRow> Yearly { get; init; }

    /// <summary>All 7 x 24 weekday-hour cells, Monday 0h first.</summary>
    public required IReadOnlyList<WeekdayHourRow> WeekdayHour { get; init; }

    /// <summary>The top-product lists, by ranking then rank.</summary>
    public required IReadOnlyList<ProductRankRow> TopProducts { get; init; }

    /// <summary>Product count, long-tail share and unit price quantiles.</summary>
    public required ProductSummary Products { get; init; }

    /// <summary>Unit price distribution of kept lines.</summary>
    public required IReadOnlyList<PriceBandRow> PriceBands { get; init; }

    /// <summary>One row per country, by revenue.</summary>
    public required IReadOnlyList<CountryRow> Countries { get; init; }

    /// <summary>One-time vs repeat buyers and the spread of orders and spend.</summary>
    public required CustomerSummary Customers { get; init; }

    /// <summary>Histogram of orders per customer.</summary>
    public required IReadOnlyList<CustomerBucketRow> OrdersPerCustomer { get; init; }

    /// <summary>Distribution of spend per customer.</summary>
    public required IReadOnlyList<CustomerBucketRow> SpendPerCustomer { get; init; }

    /// <summary>Share of revenue made by the top x% of customers, x = 1..100.</summary>
    public required IReadOnlyList<ParetoPoint> Pareto { get; init; }

    /// <summary>Cohorts by month of first purchase.</summary>
    public required IReadOnlyList<CohortRow> Cohorts { get; init; }

    /// <summary>Every cohort at every observed month offset: retention, revenue, cumulative revenue per customer.</summary>
    public required IReadOnlyList<CohortMonthRow> CohortMonths { get; init; }

    /// <summary>The average retention curve by month offset.</summary>
    public required IReadOnlyList<RetentionPoint> RetentionCurve { get; init; }

    /// <summary>Lines per cleaning outcome and quarantine reason.</summary>
    public required IReadOnlyList<DataQualityRow> DataQuality { get; init; }

    /// <summary>Money-based analyses skipped because the lines have no amount, one line each (empty when nothing was skipped).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>True when the lines carry money (revenue columns are defined).</summary>
    public bool HasAmounts => Skipped.Count == 0;

    /// <summary>The month with the highest revenue, or null without sales.</summary>
    public MonthlyRow? BestMonth => Monthly.Count == 0 ? null : Monthly.MaxBy(m => m.Revenue);

    /// <summary>The retention row of one cohort, offset 0 first (empty when there is no such cohort).</summary>
    public IReadOnlyList<CohortMonthRow> CohortRetention(DateOnly cohortMonth) =>
        [.. CohortMonths.Where(c => c.CohortMonth == cohortMonth).OrderBy(c => c.MonthOffset)];
}
