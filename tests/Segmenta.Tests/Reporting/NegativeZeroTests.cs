using Segmenta.Reporting;

namespace Segmenta.Tests.Reporting;

/// <summary>
/// A value that rounds to zero prints as zero: the audit of 2026-12-02 found "-0.0%" for the revenue share of
/// return_beyond_purchases (a residue of −0.00004) in the report's and the terminal's cleaning tables.
/// </summary>
public class NegativeZeroTests
{
    [Theory]
    [InlineData(-0.0000004, 1, "0.0%")]
    [InlineData(-0.0, 1, "0.0%")]
    [InlineData(-0.0006, 1, "-0.1%")]
    [InlineData(0.1234, 1, "12.3%")]
    public void Percent(double share, int decimals, string expected) => Assert.Equal(expected, Html.Percent(share, decimals));

    [Theory]
    [InlineData(-2.27e-13, 2, "0.00")]
    [InlineData(-0.004, 2, "0.00")]
    [InlineData(-0.005, 2, "-0.01")]
    [InlineData(-1234.4, 0, "-1,234")]
    public void Number(double value, int decimals, string expected) => Assert.Equal(expected, Html.Number(value, decimals));

    [Fact]
    public void Other_values_are_kept_as_they_are() => Assert.Equal(-0.0006, Rounding.NoNegativeZero(-0.0006, 3));
}
