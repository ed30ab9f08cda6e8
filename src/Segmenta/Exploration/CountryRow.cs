namespace Segmenta.Exploration;

/// <summary>Sales to one country ('(unknown)' when lines carry none).</summary>
/// <param name="Country">The country as written in the data.</param>
/// <param name="Customers">Distinct customers with kept lines in the country.</param>
/// <param name="Orders">Distinct orders.</param>
/// <param name="Revenue">Revenue of kept lines.</param>
/// <param name="AverageOrderValue">Revenue / orders.</param>
/// <param name="RevenueShare">Share of all revenue.</param>
/// <param name="CustomerShare">Customers / all customers (a customer who bought from two countries counts in both).</param>
/// <param name="Lines">Kept lines.</param>
public sealed record CountryRow(
    string Country, long Customers, long Orders, double Revenue, double AverageOrderValue, double RevenueShare, double CustomerShare, long Lines);
