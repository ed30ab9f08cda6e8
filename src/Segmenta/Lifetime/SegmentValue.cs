namespace Segmenta.Lifetime;

/// <summary>
/// Predicted lifetime value of one segment's customers at one horizon (the longest of the run), from the stored
/// per-customer predictions.
/// </summary>
/// <param name="Segmentation">The segmentation ("rfm", "kmeans", "gmm").</param>
/// <param name="SegmentId">The segment.</param>
/// <param name="HorizonDays">The CLV horizon in days.</param>
/// <param name="Customers">Customers of the segment with a prediction.</param>
/// <param name="TotalClv">Sum of the customers' CLV (as customers.csv rounds it); null when the spend model was unusable.</param>
/// <param name="MeanClv">Mean CLV per customer; null likewise.</param>
/// <param name="ClvIndex">Mean CLV of the segment / mean CLV of all customers; null likewise.</param>
/// <param name="HighChurnRiskShare">Share of the segment's customers whose churn risk is High.</param>
public sealed record SegmentValue(
    string Segmentation, int SegmentId, int HorizonDays, long Customers, double? TotalClv, double? MeanClv, double? ClvIndex, double HighChurnRiskShare);
