namespace Segmenta.Loading;

/// <summary>What a source column means to Segmenta, whatever the file calls it.</summary>
public enum ColumnRole
{
    /// <summary>Invoice or order number; cancellations start with C, adjustments with A.</summary>
    Invoice,
    /// <summary>Product code (StockCode, sku).</summary>
    Product,
    /// <summary>Product description.</summary>
    Description,
    /// <summary>Units on the line; negative for returns.</summary>
    Quantity,
    /// <summary>Date and time of the invoice.</summary>
    Date,
    /// <summary>Price of one unit.</summary>
    UnitPrice,
    /// <summary>Line amount (price times quantity), used when there is no unit price.</summary>
    LineTotal,
    /// <summary>Customer identifier.</summary>
    Customer,
    /// <summary>Customer's country.</summary>
    Country,
    /// <summary>Product category, when the file carries one (otherwise categories are derived from descriptions).</summary>
    Category,
}
