namespace Segmenta.Segmentation;

/// <summary>One k of the sweep: its labels on the customers, the fitted model (K-Means or mixture) and its criteria row.</summary>
internal sealed record SweepFit(int K, int[] Labels, KMeansModel? KMeans, GaussianMixtureModel? Mixture, ModelSelectionRow? Row);
