using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Segmenta.Generating;

/// <summary>
/// Writes lines as CSV in the UCI Online Retail layout (optionally gzip-compressed), formatting straight into a
/// char buffer. No field needs quoting: descriptions and codes never hold commas or quotes.
/// </summary>
internal sealed class CsvLineSink : ILineSink
{
    internal const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    private readonly Stream _file;
    private readonly StreamWriter _writer;
    private readonly char[] _buffer = new char[512];

    internal CsvLineSink(string path, bool gzip)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Stream target = gzip ? new GZipStream(_file, CompressionLevel.Fastest) : _file;
        _writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16);
        _writer.Write(Header);
        _writer.Write('\n');
    }

    public void Write(ShopLine line)
    {
        var span = _buffer.AsSpan();
        var n = 0;
        Append(span, ref n, line.Invoice);
        Append(span, ref n, line.StockCode);
        Append(span, ref n, line.Description);
        line.Quantity.TryFormat(span[n..], out var w, provider: CultureInfo.InvariantCulture);
        n += w;
        span[n++] = ',';
        line.Date.TryFormat(span[n..], out w, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        n += w;
        span[n++] = ',';
        n += FormatCents(span[n..], line.PriceCents);
        span[n++] = ',';
        if (line.Customer >= 0)
        {
            line.Customer.TryFormat(span[n..], out w, provider: CultureInfo.InvariantCulture);
            n += w;
        }
        span[n++] = ',';
        line.Country.AsSpan().CopyTo(span[n..]);
        n += line.Country.Length;
        span[n++] = '\n';
        _writer.Write(span[..n]);
    }

    public void Complete() => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    /// <summary>Cents as a plain decimal: 255 → 2.55, -5 → -0.05, 0 → 0.00.</summary>
    internal static int FormatCents(Span<char> target, long cents)
    {
        var n = 0;
        if (cents < 0)
        {
            target[n++] = '-';
            cents = -cents;
        }
        (cents / 100).TryFormat(target[n..], out var w, provider: CultureInfo.InvariantCulture);
        n += w;
        target[n++] = '.';
        target[n++] = (char)('0' + cents % 100 / 10);
        target[n++] = (char)('0' + cents % 10);
        return n;
    }

    private static void Append(Span<char> span, ref int n, string text)
    {
        text.AsSpan().CopyTo(span[n..]);
        n += text.Length;
        span[n++] = ',';
    }
}
