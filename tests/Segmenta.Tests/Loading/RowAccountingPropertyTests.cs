using CsCheck;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

public class RowAccountingPropertyTests
{
    private static readonly string[] GoodLines =
    [
        "1,A,Heart,6,2010-12-01 08:26:00,2.55,17850,UK",
        "2,B,\"Warmer, red\",1,2010-12-02 09:00:00,1.25,,France",
        "C3,A,Heart,-6,2010-12-03 10:00:00,2.55,17850,UK",
    ];

    private static readonly string[] BadLines =
    [
        "4,A,Heart,6,2010-12-01 08:26:00,2.55",
        "5,A,\"Heart,6,2010-12-01 08:26:00,2.55,1,UK",
        "6,A,Heart,many,2010-12-01 08:26:00,2.55,1,UK",
        "7,A,Heart,6,not a date,2.55,1,UK",
        "8,A,Heart,6,2010-12-01 08:26:00,2.55,1,UK,extra",
    ];

    [Fact]
    public void Lines_read_always_equal_lines_loaded_plus_lines_quarantined()
    {
        var line = Gen.OneOf(GoodLines.Concat(BadLines).ToArray());
        Gen.Select(line.List[1, 40], Gen.Int[0, 1000]).Sample((lines, salt) =>
        {
            using var fixture = new StoreFixture();
            var text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" + string.Join("\n", lines) + $"\n9{salt},Z,z,1,2011-01-01 00:00,1,1,UK\n";
            var result = fixture.Import(text);
            var stored = fixture.Scalar<long>("SELECT (SELECT count(*) FROM raw_lines) + (SELECT count(*) FROM quarantine)");
            return result.LinesRead == result.LinesLoaded + result.LinesQuarantined
                && result.LinesRead == lines.Count + 1
                && stored == result.LinesRead;
        }, iter: 25);
    }
}
