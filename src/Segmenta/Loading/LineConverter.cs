namespace Segmenta.Loading;

/// <summary>
/// Turns a record of text fields into a typed <see cref="TransactionLine"/>, or names why it cannot.
/// Date order and decimal style are decided by the importer; a date that contradicts a tentative order
/// is reported through <see cref="DateOrderContradicted"/> so the import can restart with the other order.
/// </summary>
internal sealed class LineConverter(ColumnMapping mapping, DateFormat dateFormat, DateOrder dateOrder, DecimalStyle decimalStyle, bool serialDates = false)
{
    private readonly int _invoice = mapping.IndexOf(ColumnRole.Invoice);
    // Without a product code, the description names the product (a basket log's itemDescription).
    private readonly int _product = mapping.Has(ColumnRole.Product) ? mapping.IndexOf(ColumnRole.Product) : mapping.IndexOf(ColumnRole.Description);
    private readonly int _description = mapping.IndexOf(ColumnRole.Description);
    private readonly int _quantity = mapping.IndexOf(ColumnRole.Quantity);
    private readonly int _date = mapping.IndexOf(ColumnRole.Date);
    private readonly int _price = mapping.IndexOf(ColumnRole.UnitPrice);
    private readonly int _total = mapping.IndexOf(ColumnRole.LineTotal);
    private readonly int _customer = mapping.IndexOf(ColumnRole.Customer);
    private readonly int _country = mapping.IndexOf(ColumnRole.Country);
    private readonly bool _hasAmount = ColumnMapper.HasAmount(mapping);
    private readonly int _category = mapping.IndexOf(ColumnRole.Category);
    // One pool per column: the product lookup made on every line then searches the catalogue's few thousand codes, not a
    // table that also holds every customer and description (at 10M lines the one shared table no longer fitted the
    // caches, and its lookups were a fifth of the parsing thread). Invoice numbers are not pooled: an invoice's lines are
    // consecutive, so the previous line's value covers its repeats, and pooling kept every number of the file alive.
    // Products keep the description they last had (a product keeps its description on almost every line), found with
    // the product code's one lookup rather than a second table keyed by the pooled code.
    private readonly Dictionary<string, Product>.AlternateLookup<ReadOnlySpan<char>> _products =
        new Dictionary<string, Product>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly StringPool _descriptions = new();
    private readonly StringPool _customers = new();
    private readonly StringPool _countries = new();
    private readonly StringPool _categories = new();
    // Consecutive lines of one invoice repeat its invoice number, customer and country: comparing with the previous
    // line's text is cheaper than hashing it into the pool (the parsing thread is the slower half of an import).
    private readonly Repeated _lastInvoice = new();
    private readonly Repeated _lastCustomer = new();
    private readonly Repeated _lastCountry = new();
    private string? _lastDateText;
    private DateTime _lastDate;

    /// <summary>True once a date was seen that only the other order can read.</summary>
    internal bool DateOrderContradicted { get; private set; }

    internal DateOrder DateOrder => dateOrder;

    /// <summary>Converts the current record; returns null on success or the reason for quarantine.</summary>
    internal string? TryConvert(IRecordSource source, ref TransactionLine line)
    {
        line.LineNumber = source.LineNumber;
        var dateText = source.Field(_date);
        // Lines of one invoice repeat its date-time text: the previous line's value is reused.
        if (_lastDateText is not null && dateText.SequenceEqual(_lastDateText))
        {
            line.Date = _lastDate;
        }
        else if (TryParseDate(dateText, out line.Date))
        {
            (_lastDateText, _lastDate) = (dateText.ToString(), line.Date);
        }
        else
        {
            return dateText.IsWhiteSpace() ? "missing date" : $"impossible or unreadable date '{Clip(dateText)}'";
        }
        line.Quantity = null;
        if (_quantity >= 0)
        {
            var text = source.Field(_quantity);
            switch (ParseNumber(text, out var quantity))
            {
                case Number.NotANumber:
                    return $"non-numeric quantity '{Clip(text)}'";
                case Number.BeyondLimit:
                    return $"quantity '{Clip(text)}' beyond {Money.Limit:N0}";
            }
            line.Quantity = quantity;
        }
        line.UnitPrice = null;
        if (_price >= 0)
        {
            var text = source.Field(_price);
            switch (ParseNumber(text, out var price))
            {
                case Number.NotANumber:
                    if (_total < 0 || !text.IsWhiteSpace())
                    {
                        return $"non-numeric price '{Clip(text)}'";
                    }
                    break;
                case Number.BeyondLimit:
                    return $"price '{Clip(text)}' beyond {Money.Limit:N0}";
                default:
                    line.UnitPrice = price;
                    break;
            }
        }
        if (_total >= 0 && !source.Field(_total).IsWhiteSpace())
        {
            var text = source.Field(_total);
            switch (ParseNumber(text, out var total))
            {
                case Number.NotANumber:
                    return $"non-numeric line total '{Clip(text)}'";
                case Number.BeyondLimit:
                    return $"line total '{Clip(text)}' beyond {Money.Limit:N0}";
            }
            line.Amount = total;
        }
        else if (line.UnitPrice is { } unitPrice && line.Quantity is { } units)
        {
            if (!Money.Fits(unitPrice * units))
            {
                return $"line total (price × quantity) beyond {Money.Limit:N0}";
            }
            line.Amount = Money.Round(unitPrice * units);
        }
        else if (_hasAmount)
        {
            return "no amount: neither a line total nor both quantity and price";
        }
        else
        {
            // The file has no amount at all: unknown, not free (money-based analyses are skipped).
            line.Amount = null;
        }
        if (line.UnitPrice is null && line.Amount is { } amount && line.Quantity is { } q && q != 0)
        {
            line.UnitPrice = Money.Round(amount / q);
        }
        line.Customer = Customer(source);
        line.Invoice = Text(source, _invoice, pool: null, _lastInvoice);
        var product = ProductOf(source, out line.Product);
        line.Description = Description(source, line.Product, product);
        line.Country = Text(source, _country, _countries, _lastCountry);
        line.Category = Text(source, _category, _categories);
        return null;
    }

    /// <summary>
    /// The description, compared first with the one the same product had before (a product keeps its description on
    /// almost every line), which is cheaper than hashing the longest text of the line into the pool.
    /// </summary>
    private string? Description(IRecordSource source, string? code, Product? product)
    {
        if (_description < 0)
        {
            return null;
        }
        if (_description == _product)
        {
            return code;
        }
        var text = source.Field(_description).Trim();
        if (product?.Description is { } known && text.SequenceEqual(known))
        {
            return known.Length == 0 ? null : known;
        }
        var value = text.IsEmpty ? null : _descriptions.Get(text);
        // Only pooled products remember it: one entry per distinct code, so the table stays as small as the catalogue.
        product?.Description = value ?? "";
        return value;
    }

    /// <summary>
    /// The product code cell, trimmed (null when empty), pooled as <see cref="StringPool"/> pools texts; the pooled
    /// product is returned with it (null for a code longer than the pool keeps).
    /// </summary>
    private Product? ProductOf(IRecordSource source, out string? code)
    {
        code = null;
        if (_product < 0)
        {
            return null;
        }
        var text = source.Field(_product).Trim();
        if (text.IsEmpty)
        {
            return null;
        }
        if (text.Length > StringPool.MaxPooledLength)
        {
            code = text.ToString();
            return null;
        }
        if (!_products.TryGetValue(text, out var product))
        {
            product = new Product(text.ToString());
            _products.Dictionary[product.Code] = product;
        }
        code = product.Code;
        return product;
    }

    /// <summary>A product code's one string instance and the description its last line had ("" for none; null before any).</summary>
    private sealed class Product(string code)
    {
        internal string Code { get; } = code;

        internal string? Description { get; set; }
    }

    /// <summary>Reads a number cell into its stored value (exact, 4 places), or says why it cannot be stored.</summary>
    private Number ParseNumber(ReadOnlySpan<char> text, out decimal value)
    {
        if (ValueParsers.TryParsePlainDecimal(text, decimalStyle, out value))
        {
            if (!Money.Fits(value))
            {
                return Number.BeyondLimit;
            }
            value = value.Scale > Money.Scale ? Money.Round(value) : value;
            return Number.Stored;
        }
        if (!ValueParsers.TryParseNumber(text, decimalStyle, out var parsed))
        {
            return Number.NotANumber;
        }
        if (!Money.Fits(parsed))
        {
            return Number.BeyondLimit;
        }
        value = Money.FromParsed(parsed);
        return Number.Stored;
    }

    private enum Number
    {
        Stored,
        NotANumber,
        BeyondLimit,
    }

    private string? Customer(IRecordSource source)
    {
        var text = source.Field(_customer);
        if (_lastCustomer.Set && text.SequenceEqual(_lastCustomer.Text))
        {
            return _lastCustomer.Value;
        }
        var value = ValueParsers.NormaliseId(text) is { } id ? _customers.Get(id) : null;
        _lastCustomer.Remember(text.ToString(), value);
        return value;
    }

    /// <summary>A text cell, trimmed; null when empty. Without a <paramref name="pool"/> each new value is its own string.</summary>
    private string? Text(IRecordSource source, int index, StringPool? pool, Repeated? last = null)
    {
        if (index < 0)
        {
            return null;
        }
        var text = source.Field(index).Trim();
        if (last is { Set: true } && text.SequenceEqual(last.Text))
        {
            return last.Value;
        }
        var value = text.IsEmpty ? null : pool is null ? text.ToString() : pool.Get(text);
        last?.Remember(value ?? "", value);
        return value;
    }

    /// <summary>A column's value on the previous line and the text it was read from.</summary>
    private sealed class Repeated
    {
        internal string Text { get; private set; } = "";

        internal string? Value { get; private set; }

        internal bool Set { get; private set; }

        internal void Remember(string text, string? value) => (Text, Value, Set) = (text, value, true);
    }

    private bool TryParseDate(ReadOnlySpan<char> text, out DateTime value)
    {
        if (dateFormat.ExactFormat is not null)
        {
            return dateFormat.TryParseExact(text, out value);
        }
        value = default;
        if (!DateText.TryParse(text, out var parts))
        {
            return serialDates && TryParseSerialDate(text, out value);
        }
        if (!parts.Allows(dateOrder) && !dateFormat.IsFixed)
        {
            var other = dateOrder == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
            if (parts.Allows(other))
            {
                DateOrderContradicted = true;
            }
        }
        return parts.TryToDateTime(dateOrder, out value);
    }

    /// <summary>Spreadsheet cells without a date format hold the date as days since 1899-12-30 (OLE Automation date).</summary>
    private static bool TryParseSerialDate(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (!double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var days)
            || days is < 1 or > 2_958_465)
        {
            return false;
        }
        // Fractions of a day are binary approximations: round to the nearest second.
        var seconds = Math.Round(DateTime.FromOADate(days).Ticks / (double)TimeSpan.TicksPerSecond);
        value = new DateTime((long)seconds * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        return true;
    }

    private static string Clip(ReadOnlySpan<char> text) => SafeText.Clip(text.Trim(), 40);
}
