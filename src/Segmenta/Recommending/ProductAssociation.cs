namespace Segmenta.Recommending;

/// <summary>A "frequently bought together" rule between two products, over orders (invoices).</summary>
/// <param name="StockCode">The product in the basket (antecedent).</param>
/// <param name="Description">Its description.</param>
/// <param name="Rank">1 for the strongest rule of this product.</param>
/// <param name="OtherStockCode">The product it predicts (consequent).</param>
/// <param name="OtherDescription">Its description.</param>
/// <param name="Orders">Orders that hold both products.</param>
/// <param name="Support">Orders holding both / all orders.</param>
/// <param name="Confidence">Orders holding both / orders holding the first product.</param>
/// <param name="Lift">Confidence / (orders holding the second product / all orders).</param>
public sealed record ProductAssociation(
    string StockCode,
    string Description,
    int Rank,
    string OtherStockCode,
    string OtherDescription,
    int Orders,
    double Support,
    double Confidence,
    double Lift);
