namespace Segmenta.Loading;

/// <summary>Recognises the format from the first bytes (gzip, zip/xlsx, Parquet magic), not from the file name.</summary>
internal static class SourceFormatDetector
{
    internal static SourceFormat Detect(string path)
    {
        Span<byte> head = stackalloc byte[4];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        head = head[..read];
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return SourceFormat.GzipDelimitedText;
        }
        if (head.StartsWith("PAR1"u8))
        {
            return SourceFormat.Parquet;
        }
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase))
            {
                throw new SegmentaException(
                    $"{Path.GetFileName(path)} is a zip archive. Segmenta reads .xlsx workbooks, .csv/.txt (optionally .gz) and .parquet files: unzip it first.");
            }
            return SourceFormat.Excel;
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new SegmentaException(
                $"{Path.GetFileName(path)} is an old-style .xls workbook. Save it as .xlsx or CSV and import that.");
        }
        return SourceFormat.DelimitedText;
    }
}
