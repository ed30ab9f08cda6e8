namespace Segmenta.Segmentation;

/// <summary>The shape transform applied to a feature before scaling, decided by what the feature is (see <see cref="FeaturePolicy"/>).</summary>
public enum ValueTransform
{
    /// <summary>No shape transform: the feature is already on a comparable scale (rates, hours).</summary>
    None,

    /// <summary>log(1 + x) for counts and days, which cannot be negative (a negative value is read as 0).</summary>
    Log1p,

    /// <summary>sign(x)·log(1 + |x|) for money, which may be negative or exactly 0 after returns.</summary>
    SignedLog1p,
}
