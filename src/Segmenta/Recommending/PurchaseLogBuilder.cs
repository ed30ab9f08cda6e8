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
    private readonly int[] _customer = new int[capacity];
    private readonly int[] _product = new int[capacity];
    private readonly int[] _order = new int[capacity];
    private readonly int[] _day = new int[capacity];
    private readonly double[] _units = new double[capacity];
    private readonly double[] _revenue = new double[capacity];
    private readonly int[] _country = new int[capacity];
    private long _unitsSum;
    private long _revenueSum;

    public int Lines { get; private set; }

    public void Add(int customer, int product, int order, int day, long units, long revenue, int country)
    {
        var n = Lines;
        if (n > 0 && _customer[n - 1] == customer && _order[n - 1] == order && _product[n - 1] == product)
        {
            _unitsSum += units;
            _revenueSum += revenue;
            _units[n - 1] = _unitsSum / Scale;
            _revenue[n - 1] = _revenueSum / Scale;
            return;
        }
        (_unitsSum, _revenueSum) = (units, revenue);
        (_customer[n], _product[n], _order[n], _day[n], _units[n], _revenue[n], _country[n]) = (customer, product, order, day, units / Scale, revenue / Scale, country);
        Lines = n + 1;
    }

    public PurchaseLog Build(string[] customerIds, string[] stockCodes, string[] descriptions, int[] customerSegment, string[] segmentNames,
        int[] customerCountry, string[] countryNames, bool hasSegments)
    {
        var n = Lines;
        return new PurchaseLog(customerIds, stockCodes, descriptions, _customer[..n], _product[..n], _order[..n], _day[..n], _units[..n], _revenue[..n],
            customerSegment, segmentNames, customerCountry, countryNames)
        {
            HasSegments = hasSegments,
            LineCountry = _country[..n],
        };
    }
}
