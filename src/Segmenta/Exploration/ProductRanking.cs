namespace Segmenta.Exploration;

/// <summary>What a top-product list is ranked by.</summary>
public enum ProductRanking
{
    /// <summary>Units sold (sum of quantity on kept lines).</summary>
    Quantity,

    /// <summary>Revenue (sum of kept line amounts).</summary>
    Revenue,

    /// <summary>Distinct customers who bought the product.</summary>
    Customers,

    /// <summary>Units returned or cancelled (negative lines removed by a return or cancellation rule).</summary>
    Returns,
}
