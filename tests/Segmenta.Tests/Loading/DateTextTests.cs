using Segmenta.Loading;

namespace Segmenta.Tests.Loading;

public class DateTextTests
{
    [Theory]
    [InlineData("2010-12-01 08:26:00", DateOrder.MonthFirst, "2010-12-01T08:26:00")]
    [InlineData("2010-12-01T08:26", DateOrder.DayFirst, "2010-12-01T08:26:00")]
    [InlineData("12/1/2010 8:26", DateOrder.MonthFirst, "2010-12-01T08:26:00")]
    [InlineData("01.12.2010 08:26", DateOrder.DayFirst, "2010-12-01T08:26:00")]
    [InlineData("01/12/2010 08:26", DateOrder.DayFirst, "2010-12-01T08:26:00")]
    [InlineData("12/1/2010 8:26 PM", DateOrder.MonthFirst, "2010-12-01T20:26:00")]
    [InlineData("12/1/2010 12:05 AM", DateOrder.MonthFirst, "2010-12-01T00:05:00")]
    [InlineData("1/12/10", DateOrder.DayFirst, "2010-12-01T00:00:00")]
    [InlineData("2011-03-04 10:00:00.250", DateOrder.MonthFirst, "2011-03-04T10:00:00.25")]
    public void Reads_the_usual_export_styles(string text, DateOrder order, string expected)
    {
        Assert.True(DateText.TryParse(text, out var parts));
        Assert.True(parts.TryToDateTime(order, out var value));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("31/02/2011 10:00")]
    [InlineData("2011-13-01")]
    [InlineData("2011-12-01 25:00")]
    public void Rejects_impossible_dates(string text)
    {
        Assert.True(DateText.TryParse(text, out var parts));
        Assert.False(parts.TryToDateTime(DateOrder.DayFirst, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("12/2010")]
    public void Rejects_text_that_is_not_a_date(string text) => Assert.False(DateText.TryParse(text, out _));

    [Fact]
    public void A_first_number_over_twelve_rules_out_month_first()
    {
        Assert.True(DateText.TryParse("13/01/2011", out var parts));
        Assert.True(parts.Allows(DateOrder.DayFirst));
        Assert.False(parts.Allows(DateOrder.MonthFirst));
    }
}
