using System.Text;
using Segmenta.Loading;

namespace Segmenta.Tests.Loading;

public class TextFormatSnifferTests
{
    [Theory]
    [InlineData("a,b,c\n1,2,3\n", ',')]
    [InlineData("a;b;c\n1,5;2;3\n", ';')]
    [InlineData("a\tb\tc\n1\t2\t3\n", '\t')]
    [InlineData("a|b|c\n1|\"x,y\"|3\n", '|')]
    public void Detects_the_delimiter(string text, char expected) => Assert.Equal(expected, TextFormatSniffer.DetectDelimiter(text));

    [Fact]
    public void Valid_UTF8_is_read_as_UTF8()
    {
        var format = TextFormatSniffer.Sniff(Encoding.UTF8.GetBytes("a,b\nCafé,1\n"), sampleIsWholeFile: true, null, null);
        Assert.Equal("utf-8", format.EncodingName);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_are_read_as_Windows_1252()
    {
        var bytes = TextFormatSniffer.Windows1252.GetBytes("a,b\nCafé €,1\n");
        var format = TextFormatSniffer.Sniff(bytes, sampleIsWholeFile: true, null, null);
        Assert.Equal("windows-1252", format.EncodingName);
        Assert.Contains("Café €", format.Encoding.GetString(bytes));
    }

    [Fact]
    public void An_unknown_encoding_override_says_which_ones_work()
    {
        var error = Assert.Throws<InvalidOptionException>(() => TextFormatSniffer.ParseEncoding("klingon"));
        Assert.Equal("Import.Encoding", error.Property);
        Assert.Contains("windows-1252", error.Message);
    }
}
