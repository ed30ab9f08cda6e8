namespace Segmenta.Tests;

public class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("PARTY, BUNTING", "\"PARTY, BUNTING\"")]
    [InlineData("12347", "12347")]
    public void Text_cells_cannot_become_formulas(string value, string expected) => Assert.Equal(expected, CsvCell.Text(value));
}
