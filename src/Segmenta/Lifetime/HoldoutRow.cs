namespace Segmenta.Lifetime;

/// <summary>
/// Predicted against actual repeat purchases in the holdout for the customers of one calibration-frequency group
/// ("0".."6", "7+", or "total"), next to the naive baseline (the customer's calibration rate x / T carried forward).
/// </summary>
public sealed record HoldoutRow(
    string Model, string FrequencyGroup, long Customers, double ActualPurchases, double PredictedPurchases,
    double BaselinePurchases, double ModelMae, double BaselineMae);
