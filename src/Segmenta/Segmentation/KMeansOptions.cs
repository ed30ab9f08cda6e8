namespace Segmenta.Segmentation;

/// <summary>Settings of one K-Means fit.</summary>
public sealed record KMeansOptions(int K, int Seed = 0, int NInit = 10, int MaxIterations = 300, double Tolerance = 1e-4);
