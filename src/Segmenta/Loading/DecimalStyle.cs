namespace Segmenta.Loading;

/// <summary>Which character separates the decimals in numbers of the file.</summary>
public enum DecimalStyle
{
    /// <summary>2.55 (and 1,234.50).</summary>
    Point,
    /// <summary>2,55 (and 1.234,50).</summary>
    Comma,
}
