namespace Segmenta.Recommending;

/// <summary>
/// Every purchase as dense integer arrays (one entry per order and product), sorted by customer then day, with the
/// names behind the ids. Customers' lines are contiguous: <see cref="CustomerStart"/> is a CSR row index.
/// </summary>
internal sealed class PurchaseLog
{
    /// <summary>A log from one customer index per line (lines sorted by customer, then day).</summary>
    public PurchaseLog(
        string[] customerIds, string[] stockCodes, string[] descriptions,
        int[] customer, int[] product, int[] order, int[] day, double[] units, double[] revenue,
        int[] customerSegment, string[] segmentNames, int[] customerCountry, string[] countryNames)
        : this(Starts(customer, customerIds.Length), customerIds, stockCodes, descriptions, product, order, day, units, revenue,
            customerSegment, segmentNames, customerCountry, countryNames)
    {
    }

    /// <summary>
    /// A log from each customer's first line (<paramref name="customerStart"/>, length customers + 1): the per-line
    /// customer index is not kept (at 100M lines it was 300 MB that the CSR index already says).
    /// </summary>
    public PurchaseLog(
        int[] customerStart, string[] customerIds, string[] stockCodes, string[] descriptions,
        int[] product, int[] order, int[] day, double[] units, double[] revenue,
        int[] customerSegment, string[] segmentNames, int[] customerCountry, string[] countryNames)
    {
        if (customerStart.Length != customerIds.Length + 1 || customerStart[0] != 0 || customerStart[^1] != product.Length)
        {
            throw new ArgumentException("The customer starts must run from 0 to the number of lines, one more than the customers.", nameof(customerStart));
        }
        CustomerIds = customerIds;
        StockCodes = stockCodes;
        Descriptions = descriptions;
        CustomerStart = customerStart;
        Product = product;
        Order = order;
        Day = day;
        Units = units;
        Revenue = revenue;
        CustomerSegment = customerSegment;
        SegmentNames = segmentNames;
        CustomerCountry = customerCountry;
        CountryNames = countryNames;
        var (orders, first, last) = (0, int.MaxValue, int.MinValue);
        for (var c = 0; c < customerIds.Length; c++)
        {
            if (customerStart[c + 1] < customerStart[c])
            {
                throw new ArgumentException("Purchase lines must be sorted by customer, then day.", nameof(customerStart));
            }
            for (var l = customerStart[c]; l < customerStart[c + 1]; l++)
            {
                if (l > customerStart[c] && day[l] < day[l - 1])
                {
                    throw new ArgumentException("Purchase lines must be sorted by customer, then day.", nameof(customerStart));
                }
                (orders, first, last) = (Math.Max(orders, order[l] + 1), Math.Min(first, day[l]), Math.Max(last, day[l]));
            }
        }
        Orders = orders;
        FirstDay = product.Length == 0 ? 0 : first;
        LastDay = product.Length == 0 ? 0 : last;
    }

    private static int[] Starts(int[] customer, int customers)
    {
        var start = new int[customers + 1];
        for (var i = 0; i < customer.Length; i++)
        {
            if (i > 0 && customer[i] < customer[i - 1])
            {
                throw new ArgumentException("Purchase lines must be sorted by customer, then day.", nameof(customer));
            }
            start[customer[i] + 1]++;
        }
        for (var c = 0; c < customers; c++)
        {
            start[c + 1] += start[c];
        }
        return start;
    }

    public string[] CustomerIds { get; }

    public string[] StockCodes { get; }

    public string[] Descriptions { get; }

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

    public int Lines => Product.Length;

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
        var start = new int[Customers + 1];
        var keep = new List<int>();
        for (var c = 0; c < Customers; c++)
        {
            for (var l = CustomerStart[c]; l < CustomerStart[c + 1]; l++)
            {
                if (Day[l] <= day)
                {
                    keep.Add(l);
                }
            }
            start[c + 1] = keep.Count;
        }
        return new PurchaseLog(start, CustomerIds, StockCodes, Descriptions, [.. keep.Select(l => Product[l])], [.. keep.Select(l => Order[l])], [.. keep.Select(l => Day[l])],
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
