using Segmenta.Loading;

namespace Segmenta.Tests.Loading;

public class ValueParsersTests
{
    [Theory]
    [InlineData("2.55", DecimalStyle.Point, 2.55)]
    [InlineData("2,55", DecimalStyle.Comma, 2.55)]
    [InlineData("1,234.50", DecimalStyle.Point, 1234.50)]
    [InlineData("1.234,50", DecimalStyle.Comma, 1234.50)]
    [InlineData("1.234,50", DecimalStyle.Point, 1234.50)]
    [InlineData("-6", DecimalStyle.Point, -6)]
    [InlineData(" £3.75 ", DecimalStyle.Point, 3.75)]
    [InlineData("1e3", DecimalStyle.Point, 1000)]
    public void Parses_numbers_in_either_decimal_style(string text, DecimalStyle style, double expected)
    {
        Assert.True(ValueParsers.TryParseNumber(text, style, out var value));
        Assert.Equal(expected, value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("six")]
    [InlineData("12abc")]
    public void Rejects_text_that_is_not_a_number(string text) => Assert.False(ValueParsers.TryParseNumber(text, DecimalStyle.Point, out _));

    [Theory]
    [InlineData("17850.0", "17850")]
    [InlineData(" 17850 ", "17850")]
    [InlineData("17850.00", "17850")]
    [InlineData("C-17850.5", "C-17850.5")]
    [InlineData("ABC", "ABC")]
    public void Normalises_customer_ids(string text, string expected) => Assert.Equal(expected, ValueParsers.NormaliseId(text));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("nan")]
    [InlineData("NULL")]
    public void Treats_empty_and_null_markers_as_no_customer(string text) => Assert.Null(ValueParsers.NormaliseId(text));
}
