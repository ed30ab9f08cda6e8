namespace Segmenta.Exploration;

/// <summary>The customers whose first purchase in the data fell in one month.</summary>
/// <param name="CohortMonth">First day of the month of first purchase.</param>
/// <param name="Customers">Cohort size.</param>
/// <param name="Revenue">Everything the cohort spent, in any month.</param>
/// <param name="RevenuePerCustomer">Revenue / customers.</param>
/// <param name="RepeatCustomers">Cohort customers with two or more orders.</param>
/// <param name="MonthsObserved">Months from the cohort month to the last month in the data, both included.</param>
public sealed record CohortRow(DateOnly CohortMonth, long Customers, double Revenue, double RevenuePerCustomer, long RepeatCustomers, int MonthsObserved);
