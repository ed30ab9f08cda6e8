namespace Segmenta.Recommending;

/// <summary>
/// The purchases up to a reference day as sparse matrices: customer → distinct products (CSR, with per-entry order
/// count, last day, units, revenue and recency weight), its transpose product → customers, and order → products.
/// Memory is linear in the number of distinct (customer, product) and (order, product) pairs; nothing is dense in
/// customers × products.
/// </summary>
internal sealed class Interactions
{
    private Interactions(PurchaseLog log, int referenceDay) => (Log, ReferenceDay) = (log, referenceDay);

    public PurchaseLog Log { get; }

    /// <summary>The last day included (the cut, or the last day of the data).</summary>
    public int ReferenceDay { get; }

    public int Customers => Log.Customers;

    public int Products => Log.Products;

    public int[] RowStart { get; private set; } = [];

    public int[] Items { get; private set; } = [];

    /// <summary>Orders of this product by this customer.</summary>
    public int[] OrderCount { get; private set; } = [];

    public int[] LastDay { get; private set; } = [];

    public double[] Units { get; private set; } = [];

    public double[] Revenue { get; private set; } = [];

    /// <summary>Sum over the customer's orders of the product of 0.5^(age in days / half-life).</summary>
    public double[] Weight { get; private set; } = [];

    /// <summary>Product → customers who bought it (CSR).</summary>
    public int[] ColumnStart { get; private set; } = [];

    public int[] Buyers { get; private set; } = [];

    /// <summary>Order → products (CSR over all order ids; orders after the reference day are empty).</summary>
    public int[] BasketStart { get; private set; } = [];

    public int[] BasketItems { get; private set; } = [];

    /// <summary>Orders with at least one product up to the reference day.</summary>
    public int Baskets { get; private set; }

    /// <summary>
    /// Each customer's country as of the reference day: the most common country of their lines up to it (ties: the
    /// first by name); customers with no line by then keep the loader's country. Index into the log's country names.
    /// </summary>
    public int[] CustomerCountry { get; private set; } = [];

    /// <summary>Last day each product was sold up to the reference day (int.MinValue when never).</summary>
    public int[] LastSale { get; private set; } = [];

    public int Row(int customer, out int end)
    {
        end = RowStart[customer + 1];
        return RowStart[customer];
    }

    public int Distinct(int customer) => RowStart[customer + 1] - RowStart[customer];

    public int BuyerCount(int product) => ColumnStart[product + 1] - ColumnStart[product];

    /// <summary>Builds the matrices from the lines on or before <paramref name="referenceDay"/>.</summary>
    public static Interactions Build(PurchaseLog log, int referenceDay, double halfLifeDays)
    {
        var result = new Interactions(log, referenceDay);
        result.BuildRows(halfLifeDays);
        result.BuildColumns();
        result.BuildBaskets();
        return result;
    }

    private void BuildRows(double halfLifeDays)
    {
        var log = Log;
        var rowStart = new int[log.Customers + 1];
        // The entries are counted first so that every array is allocated once at its final size (allocating one slot per
        // line and copying the used part doubled the peak at 10M lines).
        var stamp = new int[log.Products];
        var entries = 0;
        for (var c = 0; c < log.Customers; c++)
        {
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1] && log.Day[l] <= ReferenceDay; l++)
            {
                if (stamp[log.Product[l]] != c + 1)
                {
                    stamp[log.Product[l]] = c + 1;
                    entries++;
                }
            }
        }
        Array.Clear(stamp);
        var items = new int[entries];
        var orders = new int[entries];
        var lastDay = new int[entries];
        var units = new double[entries];
        var revenue = new double[entries];
        var weight = new double[entries];
        var lastSale = new int[log.Products];
        Array.Fill(lastSale, int.MinValue);
        var position = new int[log.Products];
        var decay = -Math.Log(2) / halfLifeDays;
        // A line's decayed weight depends on its age in days only (every line lies between the log's first day and the
        // reference day): Math.Exp of the same argument once per age instead of once per line, the same doubles.
        var byAge = new double[Math.Max(1, ReferenceDay - log.FirstDay + 1)];
        for (var age = 0; age < byAge.Length; age++)
        {
            byAge[age] = Math.Exp(decay * age);
        }
        var country = (int[])log.CustomerCountry.Clone();
        var countryLines = new int[log.CountryNames.Length];
        var n = 0;
        for (var c = 0; c < log.Customers; c++)
        {
            Array.Clear(countryLines);
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1]; l++)
            {
                var day = log.Day[l];
                if (day > ReferenceDay)
                {
                    break; // lines are sorted by day within a customer
                }
                if (log.LineCountry is { } lineCountry)
                {
                    countryLines[lineCountry[l]]++;
                }
                var p = log.Product[l];
                if (stamp[p] != c + 1)
                {
                    stamp[p] = c + 1;
                    position[p] = n;
                    items[n++] = p;
                }
                var e = position[p];
                orders[e]++;
                lastDay[e] = day;
                units[e] += log.Units[l];
                revenue[e] += log.Revenue[l];
                weight[e] += byAge[ReferenceDay - day];
                if (day > lastSale[p])
                {
                    lastSale[p] = day;
                }
            }
            rowStart[c + 1] = n;
            if (log.LineCountry is not null && rowStart[c + 1] > rowStart[c])
            {
                var best = 0;
                for (var k = 1; k < countryLines.Length; k++)
                {
                    best = countryLines[k] > countryLines[best] ? k : best;
                }
                country[c] = best;
            }
        }
        CustomerCountry = country;
        RowStart = rowStart;
        Items = items;
        OrderCount = orders;
        LastDay = lastDay;
        Units = units;
        Revenue = revenue;
        Weight = weight;
        LastSale = lastSale;
    }

    private void BuildColumns()
    {
        var (start, rows) = Transpose(RowStart, Items, Products);
        ColumnStart = start;
        Buyers = rows;
    }

    private void BuildBaskets()
    {
        var log = Log;
        var start = new int[log.Orders + 1];
        for (var l = 0; l < log.Lines; l++)
        {
            if (log.Day[l] <= ReferenceDay)
            {
                start[log.Order[l] + 1]++;
            }
        }
        var baskets = 0;
        for (var o = 0; o < log.Orders; o++)
        {
            baskets += start[o + 1] > 0 ? 1 : 0;
            start[o + 1] += start[o];
        }
        var fill = start[..^1];
        var items = new int[start[^1]];
        for (var l = 0; l < log.Lines; l++)
        {
            if (log.Day[l] <= ReferenceDay)
            {
                items[fill[log.Order[l]]++] = log.Product[l];
            }
        }
        BasketStart = start;
        BasketItems = items;
        Baskets = baskets;
    }

    /// <summary>The transpose of a CSR pattern: for each column, the rows holding it, in increasing row order.</summary>
    internal static (int[] Start, int[] Rows) Transpose(int[] rowStart, int[] columns, int columnCount)
    {
        var start = new int[columnCount + 1];
        foreach (var column in columns)
        {
            start[column + 1]++;
        }
        for (var j = 0; j < columnCount; j++)
        {
            start[j + 1] += start[j];
        }
        var fill = start[..^1];
        var rows = new int[columns.Length];
        for (var r = 0; r + 1 < rowStart.Length; r++)
        {
            for (var e = rowStart[r]; e < rowStart[r + 1]; e++)
            {
                rows[fill[columns[e]]++] = r;
            }
        }
        return (start, rows);
    }
}
