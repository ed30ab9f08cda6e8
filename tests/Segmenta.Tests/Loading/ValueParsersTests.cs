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
    [Theory]
    [InlineData("2.55", 2.55)]
    [InlineData(" -6 ", -6)]
    [InlineData("0.0001", 0.0001)]
    [InlineData("5.", 5)]
    [InlineData(".5", 0.5)]
    [InlineData("999999999999999", 999999999999999)]
    public void Reads_plain_numbers_without_a_double(string text, double expected)
    {
        Assert.True(ValueParsers.TryParsePlainDecimal(text, DecimalStyle.Point, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("1e3", DecimalStyle.Point)]
    [InlineData("+5", DecimalStyle.Point)]
    [InlineData("1,234.50", DecimalStyle.Point)]
    [InlineData("2.55", DecimalStyle.Comma)]
    [InlineData("1234567890123456", DecimalStyle.Point)]
    [InlineData("-", DecimalStyle.Point)]
    [InlineData("1.2.3", DecimalStyle.Point)]
    [InlineData("£3", DecimalStyle.Point)]
    public void Leaves_every_other_number_text_to_the_general_path(string text, DecimalStyle style) =>
        Assert.False(ValueParsers.TryParsePlainDecimal(text, style, out _));

    /// <summary>The fast path gives exactly the value of the double path (parse, 15 digits to decimal, round at 4 places).</summary>
    [Fact]
    public void Plain_numbers_read_the_same_as_through_a_double()
    {
        var random = new Random(19);
        var alphabet = "0123456789.-";
        for (var n = 0; n < 200_000; n++)
        {
            var chars = new char[random.Next(1, 18)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(i == 0 ? alphabet.Length : alphabet.Length - 1)];
            }
            var text = new string(chars);
            if (!ValueParsers.TryParsePlainDecimal(text, DecimalStyle.Point, out var fast))
            {
                continue;
            }
            Assert.True(ValueParsers.TryParseNumber(text, DecimalStyle.Point, out var slow), text);
            Assert.Equal(Money.Fits(slow), Money.Fits(fast));
            if (Money.Fits(fast))
            {
                Assert.True(Money.FromParsed(slow) == (fast.Scale > Money.Scale ? Money.Round(fast) : fast), text);
            }
        }
    }
}
