using System.Diagnostics;
using System.Text;

namespace Segmenta.Loading;

/// <summary>The reading of a text or Excel source: records parsed into batches on one thread, appended on another.</summary>
public static partial class Importer
{
    private static void ReadAll(
        IRecordSource source, ColumnMapping mapping, SourceSettings settings, RawLineWriter writer, string path, bool hasHeader, Action<string>? progress)
    {
        var watch = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        ParallelLineReader.Run(
            writer.NewBatch,
            (takeBatch, publish) => Parse(source, mapping, settings, path, source is ExcelRecordSource, hasHeader, takeBatch, publish),
            batch =>
            {
                if (progress is not null && watch.Elapsed - reported >= ProgressInterval)
                {
                    reported = watch.Elapsed;
                    var lines = writer.Loaded + writer.Quarantined;
                    progress(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"Loading {Path.GetFileName(path)}: {lines:N0} lines, {lines / reported.TotalSeconds:N0} lines/s"));
                }
                writer.Append(batch.Chunk);
                foreach (var (lineNumber, reason, rawText) in batch.Quarantined)
                {
                    writer.Quarantine(lineNumber, reason, rawText);
                }
            });
    }

    /// <summary>Reads and converts every record into batches (on the parsing thread).</summary>
    private static void Parse(
        IRecordSource source, ColumnMapping mapping, SourceSettings settings, string path, bool serialDates, bool hasHeader,
        Func<LineBatch> takeBatch, Action<LineBatch> publish)
    {
        var converter = new LineConverter(mapping, settings.DateFormat, settings.DateOrder, settings.DecimalStyle, serialDates);
        var expectedFields = source.Header.Count;
        var fieldsOf = hasHeader ? "the header has" : "the first line has";
        var batch = takeBatch();
        var line = default(TransactionLine);
        try
        {
            while (source.Read())
            {
                if (batch.IsFull)
                {
                    publish(batch);
                    batch = takeBatch();
                }
                switch (source.Problem)
                {
                    case RecordProblem.UnterminatedQuote:
                        batch.Quarantined.Add((source.LineNumber, "unterminated quote: a quoted field is not closed on this line", source.RawText()));
                        continue;
                    case RecordProblem.WrongFieldCount:
                        batch.Quarantined.Add((source.LineNumber, $"wrong field count: {source.FieldCount} fields, {fieldsOf} {expectedFields}", source.RawText()));
                        continue;
                }
                var reason = converter.TryConvert(source, ref line);
                if (converter.DateOrderContradicted && settings.DateOrderIsGuess)
                {
                    var other = settings.DateOrder == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
                    throw new RestartImport(settings with { DateOrder = other, DateOrderIsGuess = false },
                        $"line {source.LineNumber} has a date that only reads as {other}");
                }
                if (reason is null)
                {
                    batch.Chunk.Add(in line);
                }
                else
                {
                    batch.Quarantined.Add((source.LineNumber, reason, source.RawText()));
                }
            }
            publish(batch);
        }
        catch (DecoderFallbackException) when (settings.EncodingIsGuess)
        {
            throw WrongEncoding(settings);
        }
        catch (DecoderFallbackException e)
        {
            throw new SegmentaException(
                $"{Path.GetFileName(path)} is not valid {settings.EncodingName} after line {source.LineNumber}. "
                + "Try --encoding windows-1252 (or the encoding the file was exported with).", e);
        }
    }
}
