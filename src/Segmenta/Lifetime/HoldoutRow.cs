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
/// <param name="ModelMedianMae">Mean absolute error per customer of the model's median holdout count (the median of its
/// conditional distribution P(X = k | x, t_x, T): the point forecast absolute error asks for).</param>
/// <param name="BaselineMedianMae">Mean absolute error per customer of the baseline's median count (Poisson with the past rate).</param>
/// <param name="ModelMeanMae">Mean absolute error per customer of the model's expected holdout count.</param>
/// <param name="BaselineMeanMae">Mean absolute error per customer of the baseline's expected count (the past rate carried over).</param>
/// <param name="ModelMeanRmse">Root mean squared error per customer of the model's expected holdout count.</param>
/// <param name="BaselineMeanRmse">Root mean squared error per customer of the baseline's expected count.</param>
public sealed record HoldoutRow(
    string Model, string FrequencyGroup, long Customers, double ActualPurchases, double PredictedPurchases,
    double BaselinePurchases, double ModelMedianMae, double BaselineMedianMae, double ModelMeanMae, double BaselineMeanMae,
    double ModelMeanRmse, double BaselineMeanRmse);
