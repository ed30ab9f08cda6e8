namespace Segmenta.Exploration;

/// <summary>One calendar month of sales (months without sales between the first and last appear with zeros).</summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="Revenue">Sum of kept line amounts.</param>
/// <param name="Orders">Distinct orders (invoices).</param>
/// <param name="ActiveCustomers">Customers with at least one order in the month.</param>
/// <param name="NewCustomers">Active customers whose first purchase in the data is in this month.</param>
/// <param name="ReturningCustomers">Active customers who had bought in an earlier month.</param>
/// <param name="AverageOrderValue">Revenue / orders (NaN without orders).</param>
/// <param name="ItemsPerOrder">Units (sum of quantity) / orders (NaN without orders or quantities).</param>
/// <param name="Lines">Kept lines.</param>
public sealed record MonthlyRow(
    DateOnly Month, double Revenue, long Orders, long ActiveCustomers, long NewCustomers, long ReturningCustomers,
    double AverageOrderValue, double ItemsPerOrder, long Lines);
