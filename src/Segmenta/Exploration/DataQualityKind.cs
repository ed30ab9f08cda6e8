namespace Segmenta.Exploration;

/// <summary>Where a data quality row comes from.</summary>
public enum DataQualityKind
{
    /// <summary>An outcome of cleaning: the lines a rule removed, or the lines kept.</summary>
    Cleaning,

    /// <summary>Lines that could not be parsed at loading, by reason.</summary>
    Quarantine,
}
