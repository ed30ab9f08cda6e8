namespace Segmenta.Lifetime;

/// <summary>
/// Predicted against actual repeat purchases in the holdout for the customers of one calibration-frequency group
/// ("0".."6", "7+", or "total"), next to the naive baseline (the customer's calibration rate x / T carried forward).
/// </summary>
/// <param name="Model">The counting model.</param>
/// <param name="FrequencyGroup">Repeat purchases in the calibration period: "0".."6", "7+", or "total".</param>
/// <param name="Customers">Customers in the group.</param>
/// <param name="ActualPurchases">Their purchases in the holdout.</param>
/// <param name="PredictedPurchases">The model's expected holdout purchases, summed.</param>
/// <param name="BaselinePurchases">The baseline's expected holdout purchases (past rate × holdout length), summed.</param>
/// <param name="ModelMae">Mean absolute error per customer of the model's median holdout count.</param>
/// <param name="BaselineMae">Mean absolute error per customer of the baseline's median count (Poisson with the past rate).</param>
/// <param name="ModelRmse">Root mean squared error per customer of the model's expected holdout count.</param>
/// <param name="BaselineRmse">Root mean squared error per customer of the baseline's expected count.</param>
public sealed record HoldoutRow(
    string Model, string FrequencyGroup, long Customers, double ActualPurchases, double PredictedPurchases,
    double BaselinePurchases, double ModelMae, double BaselineMae, double ModelRmse, double BaselineRmse);
