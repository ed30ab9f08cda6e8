namespace Segmenta.Exploration;

/// <summary>One calendar year of sales.</summary>
/// <param name="Year">The calendar year.</param>
/// <param name="Revenue">Sum of kept line amounts.</param>
/// <param name="Orders">Distinct orders.</param>
/// <param name="ActiveCustomers">Customers with at least one order in the year.</param>
/// <param name="NewCustomers">Customers whose first purchase in the data is in this year.</param>
/// <param name="AverageOrderValue">Revenue / orders.</param>
/// <param name="ItemsPerOrder">Units / orders (NaN without quantities).</param>
/// <param name="Lines">Kept lines.</param>
/// <param name="FirstSale">Time of the year's first kept line.</param>
/// <param name="LastSale">Time of the year's last kept line.</param>
/// <param name="MonthsWithSales">Calendar months of the year with at least one kept line (a partial year has fewer than 12).</param>
public sealed record YearlyRow(
    int Year, double Revenue, long Orders, long ActiveCustomers, long NewCustomers, double AverageOrderValue, double ItemsPerOrder,
    long Lines, DateTime FirstSale, DateTime LastSale, long MonthsWithSales);
