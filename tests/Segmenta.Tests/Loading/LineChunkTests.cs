using System.Globalization;
using System.Text;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Loading;

/// <summary>
/// Lines are written into DuckDB's column vectors on the parsing thread (Loading/LineChunk.cs): short texts inline,
/// long ones in the chunk's heap, repeated references copied from the row before, nulls in the validity mask, decimals
/// scaled to 4 places. Every value must read back as written, across many chunks, with bad lines in between; there
/// are more chunks than the importer keeps in flight, so chunks are reused (their validity masks and string heaps reset).
/// </summary>
public class LineChunkTests
{
    // More chunks of 2,048 rows than the batches the importer recycles (those in flight and two more), so every chunk is reused.
    private static readonly int Lines = ((Segmenta.Loading.ParallelLineReader.BatchesInFlight + 4) * Segmenta.Loading.LineChunk.Capacity) + 500;
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Fact]
    public void Every_value_of_tens_of_thousands_of_lines_reads_back_as_written_with_bad_lines_counted_by_number()
    {
        var text = new StringBuilder(Header);
        var expected = new List<(long Line, string Invoice, string Product, string? Description, decimal Quantity, DateTime Date, decimal Price, string? Customer, string? Country)>();
        var bad = new List<long>();
        var random = new Random(7);
        for (var i = 0; i < Lines; i++)
        {
            var line = i + 2L;
            if (i % 997 == 13)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i},X,bad,many,2011-01-01 10:00:00,1,1,UK\n");
                bad.Add(line);
                continue;
            }
            var invoice = (536_000 + (i / 4)).ToString(CultureInfo.InvariantCulture);        // repeated on consecutive lines
            var product = i % 3 == 0 ? "P" + (i % 50) : "PRODUCT-CODE-LONGER-" + (i % 7);   // inline (≤ 12 bytes) and heap texts
            var description = (i % 11) switch
            {
                0 => null,                                                                  // missing
                1 => "CRÈME BRÛLÉE SET ✓ " + (i % 5),                                       // multi-byte UTF-8, long
                2 => "Ä€",                                                                  // multi-byte, short (7 bytes)
                3 => "exactly12byt",                                                         // the inline limit
                4 => "exactly13byte",                                                       // one past it
                _ => "WHITE HANGING HEART T-LIGHT HOLDER " + (i % 13),
            };
            var quantity = (i % 9) - 4 + (i % 4 == 0 ? 0.5m : 0m);
            var price = Math.Round((decimal)random.NextDouble() * 2_000m - 100m, 3);
            var date = new DateTime(1969, 12, 31, 23, 0, 0).AddMinutes(i * 37L);             // before and after 1970
            var customer = i % 5 == 0 ? null : (12_000 + (i / 6)).ToString(CultureInfo.InvariantCulture);
            var country = i % 17 == 0 ? null : i % 2 == 0 ? "United Kingdom" : "EIRE";
            text.Append(CultureInfo.InvariantCulture,
                $"{invoice},{product},{Quote(description)},{quantity},{date:yyyy-MM-dd HH:mm:ss},{price},{customer},{country}\n");
            expected.Add((line, invoice, product, description, quantity, date, price, customer, country));
        }
        using var fixture = new StoreFixture();

        var result = fixture.Import(text.ToString());

        Assert.Equal(Lines, result.LinesRead);
        Assert.Equal(expected.Count, result.LinesLoaded);
        Assert.Equal(bad, fixture.Query("SELECT line_number FROM quarantine ORDER BY line_number", r => r.GetInt64(0)));
        var loaded = fixture.Query(
            """
            SELECT line_number, invoice, stock_code, description, quantity, invoice_date, unit_price, amount, customer_id, country, category
            FROM raw_lines ORDER BY line_number
            """,
            r => (Line: r.GetInt64(0), Invoice: r.GetString(1), Product: r.GetString(2), Description: r.IsDBNull(3) ? null : r.GetString(3),
                Quantity: r.GetDecimal(4), Date: r.GetDateTime(5), Price: r.GetDecimal(6), Amount: r.GetDecimal(7),
                Customer: r.IsDBNull(8) ? null : r.GetString(8), Country: r.IsDBNull(9) ? null : r.GetString(9), CategoryIsNull: r.IsDBNull(10)));
        Assert.Equal(expected.Count, loaded.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (want, got) = (expected[i], loaded[i]);
            Assert.Equal((want.Line, want.Invoice, want.Product, want.Description, want.Quantity, want.Date, want.Price, want.Customer, want.Country),
                (got.Line, got.Invoice, got.Product, got.Description, got.Quantity, got.Date, got.Price, got.Customer, got.Country));
            Assert.Equal(Math.Round(want.Price * want.Quantity, 4, MidpointRounding.AwayFromZero), got.Amount);
            Assert.True(got.CategoryIsNull);
        }
        // Texts compare equal in SQL too (an inline text is zero-padded as DuckDB pads it).
        Assert.Equal(expected.Count(e => e.Description == "exactly12byt"), fixture.Scalar<long>("SELECT count(*) FROM raw_lines WHERE description = 'exactly12byt'"));
        Assert.Equal(expected.Count(e => e.Country == "EIRE"), fixture.Scalar<long>("SELECT count(*) FROM raw_lines WHERE country = 'EIRE'"));
    }

    private static string Quote(string? text) => text is null ? "" : "\"" + text + "\"";
}
