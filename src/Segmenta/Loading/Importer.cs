using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>
/// Loads one source file into the store's raw_lines and quarantine tables, in one database transaction.
/// The same file (same SHA-256) is never loaded twice; a different file is appended.
/// </summary>
public static class Importer
{
    private const int MaxAttempts = 3;

    /// <summary>Imports <paramref name="path"/> into <paramref name="store"/>.</summary>
    public static ImportResult Import(SegmentaStore store, string path, ImportOptions options, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var watch = Stopwatch.StartNew();
        if (!File.Exists(path))
        {
            throw new SegmentaException($"File not found: {path}. Give the path of a CSV, .csv.gz, .xlsx or .parquet file.");
        }
        var format = SourceFormatDetector.Detect(path);
        var sha256 = HashFile(path);
        if (FindImport(store, sha256) is { } existing)
        {
            return existing with { AlreadyImported = true, Elapsed = watch.Elapsed };
        }

        var settings = InitialSettings(options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ImportOnce(store, path, format, sha256, settings, options, clock, watch);
            }
            catch (RestartImport restart) when (attempt < MaxAttempts)
            {
                settings = restart.Revised;
            }
            catch (RestartImport restart)
            {
                throw new SegmentaException($"{Path.GetFileName(path)}: {restart.Message}. Set --encoding and --date-format explicitly.");
            }
        }
    }

    private static SourceSettings InitialSettings(ImportOptions options)
    {
        var dateFormat = DateFormat.Parse(options.DateFormat);
        return new SourceSettings(
            options.Encoding,
            EncodingIsGuess: options.Encoding is null,
            options.Delimiter,
            dateFormat,
            dateFormat.Order ?? DateOrder.MonthFirst,
            DateOrderIsGuess: !dateFormat.IsFixed,
            options.DecimalStyle ?? DecimalStyle.Point);
    }

    private static ImportResult ImportOnce(
        SegmentaStore store, string path, SourceFormat format, string sha256, SourceSettings settings,
        ImportOptions options, TimeProvider clock, Stopwatch watch)
    {
        var (source, text) = SourceOpener.Open(path, format, settings.EncodingName, settings.Delimiter);
        using (source)
        {
            var mapping = ColumnMapper.Map(source.Header, options.ColumnMap);
            settings = DecideFromSample(path, format, settings, text, mapping, options);
            var importId = (int)(store.Scalar<long?>("SELECT max(import_id) FROM imports") ?? 0) + 1;
            using var transaction = store.Connection.BeginTransaction();
            long loaded, quarantined;
            using (var writer = new RawLineWriter(store.Connection, importId))
            {
                ReadAll(source, mapping, settings, writer, path);
                (loaded, quarantined) = (writer.Loaded, writer.Quarantined);
            }
            var result = new ImportResult
            {
                ImportId = importId,
                SourceName = Path.GetFileName(path),
                AlreadyImported = false,
                Format = format.ToString(),
                Encoding = text is null ? null : settings.EncodingName ?? text.EncodingName,
                Delimiter = text is null ? null : Printable(text.Delimiter),
                DateOrder = settings.DateFormat.ExactFormat ?? settings.DateOrder.ToString(),
                DecimalStyle = settings.DecimalStyle.ToString(),
                ColumnMap = mapping.Describe(),
                Roles = mapping.Indexes.Keys.ToHashSet(),
                LinesRead = loaded + quarantined,
                LinesLoaded = loaded,
                LinesQuarantined = quarantined,
                Elapsed = watch.Elapsed,
            };
            RecordImport(store, path, sha256, result, clock);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Settings the user left open are decided from the first records of the file.</summary>
    private static SourceSettings DecideFromSample(
        string path, SourceFormat format, SourceSettings settings, TextFormat? text, ColumnMapping mapping, ImportOptions options)
    {
        if (text is not null && settings.EncodingName is null)
        {
            settings = settings with { EncodingName = text.EncodingName, EncodingIsGuess = text.EncodingIsGuess, Delimiter = text.Delimiter };
        }
        if (!settings.DateOrderIsGuess && options.DecimalStyle is not null)
        {
            return settings;
        }
        var (sampleSource, _) = SourceOpener.Open(path, format, settings.EncodingName, settings.Delimiter);
        using (sampleSource)
        {
            SampleEvidence evidence;
            try
            {
                evidence = SampleEvidence.Collect(sampleSource, mapping);
            }
            catch (DecoderFallbackException) when (settings.EncodingIsGuess)
            {
                throw WrongEncoding(settings);
            }
            if (settings.DateOrderIsGuess && settings.DateFormat == DateFormat.Detect)
            {
                var (order, guess) = evidence.DateOrder();
                settings = settings with { DateOrder = order, DateOrderIsGuess = guess };
            }
            if (options.DecimalStyle is null)
            {
                settings = settings with { DecimalStyle = evidence.DecimalStyle() };
            }
        }
        return settings;
    }

    private static void ReadAll(IRecordSource source, ColumnMapping mapping, SourceSettings settings, RawLineWriter writer, string path)
    {
        ParallelLineReader.Run(
            (takeBatch, publish) => Parse(source, mapping, settings, path, source is ExcelRecordSource, takeBatch, publish),
            batch =>
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    writer.Append(batch.Lines[i]);
                }
                foreach (var (lineNumber, reason, rawText) in batch.Quarantined)
                {
                    writer.Quarantine(lineNumber, reason, rawText);
                }
            });
    }

    /// <summary>Reads and converts every record into batches (on the parsing thread).</summary>
    private static void Parse(
        IRecordSource source, ColumnMapping mapping, SourceSettings settings, string path, bool serialDates,
        Func<LineBatch> takeBatch, Action<LineBatch> publish)
    {
        var converter = new LineConverter(mapping, settings.DateFormat, settings.DateOrder, settings.DecimalStyle, serialDates);
        var expectedFields = source.Header.Count;
        var batch = takeBatch();
        try
        {
            while (source.Read())
            {
                if (batch.IsFull || batch.Quarantined.Count >= LineBatch.Capacity)
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
                        batch.Quarantined.Add((source.LineNumber, $"wrong field count: {source.FieldCount} fields, the header has {expectedFields}", source.RawText()));
                        continue;
                }
                var reason = converter.TryConvert(source, ref batch.Lines[batch.Count]);
                if (converter.DateOrderContradicted && settings.DateOrderIsGuess)
                {
                    var other = settings.DateOrder == DateOrder.DayFirst ? DateOrder.MonthFirst : DateOrder.DayFirst;
                    throw new RestartImport(settings with { DateOrder = other, DateOrderIsGuess = false },
                        $"line {source.LineNumber} has a date that only reads as {other}");
                }
                if (reason is null)
                {
                    batch.Count++;
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

    private static RestartImport WrongEncoding(SourceSettings settings) =>
        new(settings with { EncodingName = "windows-1252", EncodingIsGuess = false }, "the file is not valid UTF-8");

    private static void RecordImport(SegmentaStore store, string path, string sha256, ImportResult result, TimeProvider clock)
    {
        store.Execute(
            """
            INSERT INTO imports VALUES ($id, $name, $path, $size, $sha, $format, $encoding, $delimiter, $dateOrder, $decimal,
                $map, $roles, $read, $loaded, $quarantined, $at, $seconds)
            """,
            ("id", result.ImportId), ("name", result.SourceName), ("path", Path.GetFullPath(path)),
            ("size", new FileInfo(path).Length), ("sha", sha256), ("format", result.Format), ("encoding", result.Encoding),
            ("delimiter", result.Delimiter), ("dateOrder", result.DateOrder), ("decimal", result.DecimalStyle),
            ("map", result.ColumnMap), ("roles", string.Join(",", result.Roles.Order().Select(RoleNames.Of))),
            ("read", result.LinesRead), ("loaded", result.LinesLoaded), ("quarantined", result.LinesQuarantined),
            ("at", clock.GetUtcNow().UtcDateTime), ("seconds", result.Elapsed.TotalSeconds));
    }

    private static ImportResult? FindImport(SegmentaStore store, string sha256) =>
        store.Query(
            "SELECT import_id, source_name, format, encoding, delimiter, date_order, decimal_style, column_map, roles, lines_loaded, lines_quarantined FROM imports WHERE sha256 = $sha",
            r => new ImportResult
            {
                ImportId = r.GetInt32(0),
                SourceName = r.GetString(1),
                AlreadyImported = true,
                Format = r.GetString(2),
                Encoding = r.IsDBNull(3) ? null : r.GetString(3),
                Delimiter = r.IsDBNull(4) ? null : r.GetString(4),
                DateOrder = r.IsDBNull(5) ? null : r.GetString(5),
                DecimalStyle = r.IsDBNull(6) ? null : r.GetString(6),
                ColumnMap = r.GetString(7),
                Roles = ParseRoles(r.GetString(8)),
                LinesRead = r.GetInt64(9) + r.GetInt64(10),
                LinesLoaded = r.GetInt64(9),
                LinesQuarantined = r.GetInt64(10),
                Elapsed = TimeSpan.Zero,
            },
            ("sha", sha256)).FirstOrDefault();

    internal static IReadOnlySet<ColumnRole> ParseRoles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => RoleNames.TryParse(name, out var role) ? role : (ColumnRole?)null)
            .OfType<ColumnRole>()
            .ToHashSet();

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static string Printable(char delimiter) => delimiter switch
    {
        '\t' => "tab",
        _ => delimiter.ToString(),
    };
}
