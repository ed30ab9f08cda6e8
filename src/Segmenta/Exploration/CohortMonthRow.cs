namespace Segmenta.Exploration;

/// <summary>One cell of the cohort matrices: a cohort in the month MonthOffset months after its first month.</summary>
/// <param name="CohortMonth">First day of the cohort's month of first purchase.</param>
/// <param name="MonthOffset">0 = the cohort month itself.</param>
/// <param name="Month">First day of the calendar month of the cell.</param>
/// <param name="CohortCustomers">Cohort size.</param>
/// <param name="ActiveCustomers">Cohort customers with at least one order in the month.</param>
/// <param name="Retention">ActiveCustomers / CohortCustomers (1 at offset 0).</param>
/// <param name="Revenue">The cohort's revenue in the month.</param>
/// <param name="RevenuePerCustomer">Revenue / CohortCustomers.</param>
/// <param name="CumulativeRevenuePerCustomer">The cohort's revenue from offset 0 to this offset, per cohort customer.</param>
public sealed record CohortMonthRow(
    DateOnly CohortMonth, int MonthOffset, DateOnly Month, long CohortCustomers, long ActiveCustomers, double Retention, double Revenue,
    double RevenuePerCustomer, double CumulativeRevenuePerCustomer);
