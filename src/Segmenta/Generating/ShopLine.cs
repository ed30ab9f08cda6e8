namespace Segmenta.Generating;

/// <summary>
/// One generated line in the UCI layout. <see cref="Customer"/> is -1 for a guest (no customer id);
/// <see cref="IsCopy"/> marks an exact copy of the line before it (a double export).
/// </summary>
internal sealed record ShopLine(
    string Invoice, string StockCode, string Description, int Quantity, DateTime Date, long PriceCents, long Customer,
    string Country, bool IsCopy)
{
    /// <summary>Position in the order the customer's lines were drawn; breaks ties when sorting by time.</summary>
    internal long Sequence { get; init; }

    internal long AmountCents => Quantity * PriceCents;

    internal bool IsCancellation => Invoice.StartsWith('C') || Quantity < 0;

    /// <summary>File order: by time; at one moment purchases before cancellations, smaller cancellations first.</summary>
    internal static int FileOrder(ShopLine x, ShopLine y)
    {
        var c = x.Date.CompareTo(y.Date);
        if (c != 0)
        {
            return c;
        }
        c = x.IsCancellation.CompareTo(y.IsCancellation);
        if (c != 0)
        {
            return c;
        }
        c = (x.IsCancellation ? -x.Quantity : 0).CompareTo(y.IsCancellation ? -y.Quantity : 0);
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }
}
