namespace Segmenta.Recommending;

/// <summary>
/// Every purchase as dense integer arrays (one entry per order and product), sorted by customer then day, with the
/// names behind the ids. Customers' lines are contiguous: <see cref="CustomerStart"/> is a CSR row index.
/// </summary>
internal sealed class PurchaseLog
{
    public PurchaseLog(
        string[] customerIds, string[] stockCodes, string[] descriptions,
        int[] customer, int[] product, int[] order, int[] day, double[] units, double[] revenue,
        int[] customerSegment, string[] segmentNames, int[] customerCountry, string[] countryNames)
    {
        CustomerIds = customerIds;
        StockCodes = stockCodes;
        Descriptions = descriptions;
        Customer = customer;
        Product = product;
        Order = order;
        Day = day;
        Units = units;
        Revenue = revenue;
        CustomerSegment = customerSegment;
        SegmentNames = segmentNames;
        CustomerCountry = customerCountry;
        CountryNames = countryNames;
        CustomerStart = new int[customerIds.Length + 1];
        for (var i = 0; i < customer.Length; i++)
        {
            if (i > 0 && (customer[i] < customer[i - 1] || (customer[i] == customer[i - 1] && day[i] < day[i - 1])))
            {
                throw new ArgumentException("Purchase lines must be sorted by customer, then day.", nameof(customer));
            }
            CustomerStart[customer[i] + 1]++;
        }
        for (var c = 0; c < customerIds.Length; c++)
        {
            CustomerStart[c + 1] += CustomerStart[c];
        }
        Orders = order.Length == 0 ? 0 : order.Max() + 1;
        FirstDay = day.Length == 0 ? 0 : day.Min();
        LastDay = day.Length == 0 ? 0 : day.Max();
    }

    public string[] CustomerIds { get; }

    public string[] StockCodes { get; }

    public string[] Descriptions { get; }

    public int[] Customer { get; }

    public int[] Product { get; }

    public int[] Order { get; }

    /// <summary>Days since 1970-01-01.</summary>
    public int[] Day { get; }

    public double[] Units { get; }

    public double[] Revenue { get; }

    /// <summary>Index into <see cref="SegmentNames"/> for every customer.</summary>
    public int[] CustomerSegment { get; }

    public string[] SegmentNames { get; }

    /// <summary>Index into <see cref="CountryNames"/> for every customer.</summary>
    public int[] CustomerCountry { get; }

    public string[] CountryNames { get; }

    public int[] CustomerStart { get; }

    public int Customers => CustomerIds.Length;

    public int Products => StockCodes.Length;

    public int Lines => Customer.Length;

    public int Orders { get; }

    public int FirstDay { get; }

    public int LastDay { get; }

    /// <summary>
    /// Index into <see cref="CountryNames"/> for every line, or null when only the customer's country is known. With it,
    /// a customer's country at a reference day is the most common one of their lines up to that day (no look-ahead).
    /// </summary>
    public int[]? LineCountry { get; init; }

    /// <summary>False when segments are absent and every customer sits in one group.</summary>
    public bool HasSegments { get; init; } = true;

    /// <summary>The purchases up to and including <paramref name="day"/> (same ids and names): what was known that day.</summary>
    public PurchaseLog Until(int day)
    {
        var keep = Enumerable.Range(0, Lines).Where(l => Day[l] <= day).ToArray();
        return new PurchaseLog(CustomerIds, StockCodes, Descriptions,
            [.. keep.Select(l => Customer[l])], [.. keep.Select(l => Product[l])], [.. keep.Select(l => Order[l])], [.. keep.Select(l => Day[l])],
            [.. keep.Select(l => Units[l])], [.. keep.Select(l => Revenue[l])], CustomerSegment, SegmentNames, CustomerCountry, CountryNames)
        {
            HasSegments = HasSegments,
            LineCountry = LineCountry is { } country ? [.. keep.Select(l => country[l])] : null,
        };
    }

    public static int ToDay(DateOnly date) => date.DayNumber - Epoch;

    public static DateOnly ToDate(int day) => DateOnly.FromDayNumber(day + Epoch);

    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;
}
