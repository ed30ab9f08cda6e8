namespace Segmenta.Recommending;

/// <summary>
/// Collects purchase lines sorted by customer, day, order and product into the arrays of a <see cref="PurchaseLog"/>,
/// merging adjacent lines of the same customer, order and product. Quantities and amounts arrive as whole
/// ten-thousandths (the store's DECIMAL(18,4)), so a merged line's units and revenue are exact sums whatever the order
/// of the lines merged (summing doubles depended on it), converted to double as DuckDB converts a decimal.
/// </summary>
internal sealed class PurchaseLogBuilder(long capacity)
{
    private const double Scale = 10_000;
    private readonly List<int> _start = [0];
    private int[] _product = new int[capacity];
    private int[] _order = new int[capacity];
    private int[] _day = new int[capacity];
    private double[] _units = new double[capacity];
    private double[] _revenue = new double[capacity];
    private int[] _country = new int[capacity];
    private int _customer = -1;
    private long _unitsSum;
    private long _revenueSum;

    public int Lines { get; private set; }

    /// <summary>Adds a line; customers arrive in increasing order (a customer skipped has no lines).</summary>
    public void Add(int customer, int product, int order, int day, long units, long revenue, int country)
    {
        var n = Lines;
        if (n > 0 && _customer == customer && _order[n - 1] == order && _product[n - 1] == product)
        {
            _unitsSum += units;
            _revenueSum += revenue;
            _units[n - 1] = _unitsSum / Scale;
            _revenue[n - 1] = _revenueSum / Scale;
            return;
        }
        EndCustomersBefore(customer);
        _customer = customer;
        (_unitsSum, _revenueSum) = (units, revenue);
        (_product[n], _order[n], _day[n], _units[n], _revenue[n], _country[n]) = (product, order, day, units / Scale, revenue / Scale, country);
        Lines = n + 1;
    }

    /// <summary>
    /// The log. The arrays were allocated at the line count before merging; when lines were merged each is cut to size
    /// one at a time, the builder letting go of the long one, so that the peak is the log and one array, not two logs.
    /// </summary>
    public PurchaseLog Build(string[] customerIds, string[] stockCodes, string[] descriptions, int[] customerSegment, string[] segmentNames,
        int[] customerCountry, string[] countryNames, bool hasSegments)
    {
        EndCustomersBefore(customerIds.Length);
        var n = Lines;
        var start = _start.ToArray();
        _start.Clear();
        return new PurchaseLog(start, customerIds, stockCodes, descriptions, Cut(ref _product, n), Cut(ref _order, n), Cut(ref _day, n), Cut(ref _units, n), Cut(ref _revenue, n),
            customerSegment, segmentNames, customerCountry, countryNames)
        {
            HasSegments = hasSegments,
            LineCountry = Cut(ref _country, n),
        };
    }

    private void EndCustomersBefore(int customer)
    {
        while (_start.Count <= customer)
        {
            _start.Add(Lines);
        }
    }

    private static T[] Cut<T>(ref T[] array, int length)
    {
        if (array.Length == length)
        {
            var whole = array;
            array = [];
            return whole;
        }
        var cut = array[..length];
        array = [];
        return cut;
    }
}
