namespace Segmenta.Lifetime;

/// <summary>The unit the models measure time in (their α and β scales are in it).</summary>
public enum TimeUnit
{
    /// <summary>Days.</summary>
    Days,

    /// <summary>Weeks of 7 days (the unit of the published CDNOW fits).</summary>
    Weeks,
}
