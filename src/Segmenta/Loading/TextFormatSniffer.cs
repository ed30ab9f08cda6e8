using System.Text;

namespace Segmenta.Loading;

/// <summary>What the first bytes of a delimited text file say about its encoding and delimiter.</summary>
internal sealed record TextFormat(Encoding Encoding, string EncodingName, char Delimiter, bool EncodingIsGuess);

/// <summary>
/// Detects encoding (BOM, else valid UTF-8, else Windows-1252) and delimiter (the candidate that splits the first
/// lines into the same number of fields most consistently; runs of spaces only when no delimiter character splits
/// the lines consistently) from a sample of the file.
/// </summary>
internal static class TextFormatSniffer
{
    internal const int SampleBytes = 1 << 20;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    static TextFormatSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    internal static Encoding Windows1252 => Encoding.GetEncoding(1252);

    internal static TextFormat Sniff(ReadOnlySpan<byte> sample, bool sampleIsWholeFile, string? encodingOverride, char? delimiterOverride)
    {
        var (encoding, name, guess) = encodingOverride is null ? DetectEncoding(sample, sampleIsWholeFile) : ParseEncoding(encodingOverride);
        var text = encoding.GetString(sample);
        var delimiter = delimiterOverride ?? DetectDelimiter(text);
        return new TextFormat(encoding, name, delimiter, guess);
    }

    internal static (Encoding Encoding, string Name, bool Guess) ParseEncoding(string name)
    {
        switch (name.Trim().ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal))
        {
            case "utf8" or "utf-8":
                return (StrictUtf8, "utf-8", false);
            case "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1":
                return (Encoding.Latin1, "iso-8859-1", false);
            case "windows-1252" or "cp1252" or "1252" or "ansi":
                return (Windows1252, "windows-1252", false);
            case "utf-16" or "utf16" or "unicode":
                return (Encoding.Unicode, "utf-16", false);
            default:
                try
                {
                    var encoding = Encoding.GetEncoding(name);
                    return (encoding, encoding.WebName, false);
                }
                catch (ArgumentException)
                {
                    throw ImportOptions.Invalid(nameof(ImportOptions.Encoding),
                        $"{name}: unknown encoding. Use utf-8, windows-1252, iso-8859-1 or utf-16 (or any .NET encoding name).");
                }
        }
    }

    /// <summary>UTF-8 that throws on invalid bytes, so a mislabelled file is noticed instead of silently garbled.</summary>
    internal static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static (Encoding, string, bool) DetectEncoding(ReadOnlySpan<byte> sample, bool sampleIsWholeFile)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (StrictUtf8, "utf-8", false);
        }
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (sample[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode, "utf-16", false);
        }
        // A sample cut mid-character must not count as invalid: drop up to 3 trailing bytes of an incomplete sequence.
        var checkable = sampleIsWholeFile ? sample : TrimIncompleteTail(sample);
        return System.Text.Unicode.Utf8.IsValid(checkable)
            ? (StrictUtf8, "utf-8", !sampleIsWholeFile)
            : (Windows1252, "windows-1252", false);
    }

    private static ReadOnlySpan<byte> TrimIncompleteTail(ReadOnlySpan<byte> sample)
    {
        var end = sample.Length;
        for (var back = 1; back <= 3 && end - back >= 0; back++)
        {
            var b = sample[end - back];
            if ((b & 0xC0) == 0xC0)
            {
                return sample[..(end - back)];
            }
            if ((b & 0x80) == 0)
            {
                break;
            }
        }
        return sample;
    }

    /// <summary>True when the text holds NUL characters, or more than 1% control characters other than tab and line breaks.</summary>
    internal static bool LooksBinary(string text)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return true;
            }
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
            {
                control++;
            }
        }
        return control > 0 && control * 100 > text.Length;
    }

    internal static char DetectDelimiter(string text)
    {
        var lines = text.Split('\n', 60).Take(50).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        if (lines.Count > 1)
        {
            lines.RemoveAt(lines.Count - 1); // the last sampled line may be cut short
        }
        var best = ',';
        var bestScore = double.MinValue;
        var bestAgreement = 0.0;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountFields(l, candidate)).ToList();
            if (counts.Count == 0 || counts[0] < 2)
            {
                continue;
            }
            var header = counts[0];
            var agreeing = counts.Count(c => c == header);
            var score = (double)agreeing / counts.Count * 1000 + header;
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
                bestAgreement = (double)agreeing / counts.Count;
            }
        }
        if (bestAgreement < 0.9 && lines.Count > 0)
        {
            var words = lines.Select(CountWhitespaceFields).ToList();
            var agreeing = (double)words.Count(c => c == words[0]) / words.Count;
            if (words[0] >= 2 && agreeing >= 0.9 && agreeing > bestAgreement)
            {
                return DelimitedRecordReader.Whitespace;
            }
        }
        return best;
    }

    private static int CountWhitespaceFields(string line) =>
        line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;

    private static int CountFields(string line, char delimiter)
    {
        var fields = 1;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                fields++;
            }
        }
        return fields;
    }
}
