namespace Segmenta.Loading;

/// <summary>The names users type for roles in <c>--map role=column</c>, and the usual column names of each role.</summary>
internal static class RoleNames
{
    private static readonly Dictionary<string, ColumnRole> ByUserName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["invoice"] = ColumnRole.Invoice, ["order"] = ColumnRole.Invoice,
        ["product"] = ColumnRole.Product, ["stockcode"] = ColumnRole.Product, ["sku"] = ColumnRole.Product,
        ["description"] = ColumnRole.Description,
        ["quantity"] = ColumnRole.Quantity,
        ["date"] = ColumnRole.Date,
        ["price"] = ColumnRole.UnitPrice, ["unitprice"] = ColumnRole.UnitPrice,
        ["total"] = ColumnRole.LineTotal, ["linetotal"] = ColumnRole.LineTotal, ["amount"] = ColumnRole.LineTotal,
        ["customer"] = ColumnRole.Customer,
        ["country"] = ColumnRole.Country,
        ["category"] = ColumnRole.Category,
    };

    /// <summary>Usual header names per role, already normalised (lower case, letters and digits only).</summary>
    internal static readonly IReadOnlyDictionary<ColumnRole, string[]> Synonyms = new Dictionary<ColumnRole, string[]>
    {
        [ColumnRole.Invoice] = ["invoiceno", "invoice", "invoicenumber", "invoiceid", "orderid", "order", "orderno", "ordernumber", "transactionid"],
        [ColumnRole.Product] = ["stockcode", "sku", "productid", "product", "productcode", "itemid", "itemcode", "articleid"],
        [ColumnRole.Description] = ["description", "productname", "productdescription", "itemdescription", "itemname", "name"],
        [ColumnRole.Quantity] = ["quantity", "qty", "units", "unitssold", "quantityordered"],
        [ColumnRole.Date] = ["invoicedate", "date", "orderdate", "transactiondate", "purchasedate", "datetime", "timestamp", "createdat"],
        [ColumnRole.UnitPrice] = ["unitprice", "price", "priceeach", "itemprice", "priceperunit"],
        [ColumnRole.LineTotal] = ["linetotal", "total", "amount", "totalprice", "revenue", "sales", "lineamount", "value"],
        [ColumnRole.Customer] = ["customerid", "customer", "customerno", "customernumber", "clientid", "userid", "memberid", "membernumber", "memberno"],
        [ColumnRole.Country] = ["country", "countryname", "customercountry"],
        [ColumnRole.Category] = ["category", "productcategory", "categoryname", "productgroup"],
    };

    /// <summary>The user-facing name of a role.</summary>
    internal static string Of(ColumnRole role) => role switch
    {
        ColumnRole.Invoice => "invoice",
        ColumnRole.Product => "product",
        ColumnRole.Description => "description",
        ColumnRole.Quantity => "quantity",
        ColumnRole.Date => "date",
        ColumnRole.UnitPrice => "price",
        ColumnRole.LineTotal => "total",
        ColumnRole.Customer => "customer",
        ColumnRole.Country => "country",
        ColumnRole.Category => "category",
        _ => role.ToString().ToLowerInvariant(),
    };

    internal static bool TryParse(string name, out ColumnRole role) => ByUserName.TryGetValue(name.Trim(), out role);

    internal static string AllUserNames => "invoice, product, description, quantity, date, price, total, customer, country, category";

    /// <summary>Lower case, letters and digits only: "Customer ID" and "customer_id" both become "customerid".</summary>
    internal static string Normalise(string header)
    {
        Span<char> buffer = header.Length <= 256 ? stackalloc char[header.Length] : new char[header.Length];
        var length = 0;
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }
        return new string(buffer[..length]);
    }
}
