using System.IO.Compression;
using System.Text;

namespace Segmenta.Loading;

/// <summary>Opens a record source for a file in any supported format, detecting encoding and delimiter of text.</summary>
internal static class SourceOpener
{
    /// <summary>Opens <paramref name="path"/>; <paramref name="readAhead"/> reads a text file's lines on a thread of their own (<see cref="ReadAheadLineReader"/>), for reading it whole.</summary>
    internal static (IRecordSource Source, TextFormat? Text) Open(
        string path, SourceFormat format, string? encodingName, char? delimiter, HeaderMode header = HeaderMode.Auto, long? rowLimit = null, bool readAhead = false)
    {
        switch (format)
        {
            case SourceFormat.Excel:
                return (new ExcelRecordSource(path), null);
            case SourceFormat.Parquet:
                return (new ParquetRecordSource(path, rowLimit), null);
            default:
                var sample = ReadSample(path, format, out var wholeFile);
                var text = TextFormatSniffer.Sniff(sample, wholeFile, encodingName, delimiter);
                if (TextFormatSniffer.LooksBinary(text.Encoding.GetString(sample, 0, Math.Min(sample.Length, 1 << 16))))
                {
                    throw new SegmentaException(
                        $"{Path.GetFileName(path)} is not a text table: its first bytes are binary (control characters). "
                        + "Give a CSV/TSV or whitespace-separated text file (optionally .gz), an .xlsx or a .parquet file.");
                }
                TextReader reader = new StreamReader(OpenBytes(path, format), text.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
                if (readAhead)
                {
                    reader = new ReadAheadLineReader(reader);
                }
                try
                {
                    return (new DelimitedRecordReader(reader, text.Delimiter, header), text);
                }
                catch
                {
                    // The header could not be read (an empty file, too many columns): the reader is not handed out.
                    reader.Dispose();
                    throw;
                }
        }
    }

    internal static Stream OpenBytes(string path, SourceFormat format)
    {
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return format == SourceFormat.GzipDelimitedText ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static byte[] ReadSample(string path, SourceFormat format, out bool wholeFile)
    {
        using var stream = OpenBytes(path, format);
        var buffer = new byte[TextFormatSniffer.SampleBytes];
        int read;
        try
        {
            read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new SegmentaException($"{Path.GetFileName(path)} looks gzip-compressed but cannot be decompressed ({e.Message}). The file may be truncated.", e);
        }
        wholeFile = read < buffer.Length;
        return buffer[..read];
    }

    internal static string Describe(Encoding encoding) => encoding.WebName;
}
