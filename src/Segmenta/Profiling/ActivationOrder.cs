namespace Segmenta.Profiling;

/// <summary>How the customers of an activation list are ordered.</summary>
public enum ActivationOrder
{
    /// <summary>Highest net spend (monetary) first.</summary>
    Monetary,

    /// <summary>
    /// Highest predicted lifetime value (the lifetime stage's longest horizon) first; customers without a prediction
    /// come last, in monetary order.
    /// </summary>
    Clv,
}
