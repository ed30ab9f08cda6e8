using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Segmenta.Store;

namespace Segmenta.Loading;

/// <summary>
/// Loads one source file into the store's raw_lines and quarantine tables, in one database transaction.
/// An import is recorded only when at least one line was loaded: a failed or empty import leaves nothing behind, so
/// running again with corrected options imports the file. The same file (same SHA-256) is not loaded twice unless
/// <see cref="ImportOptions.Replace"/> asks to replace it; a different file is appended.
/// </summary>
public static partial class Importer
{
    private const int MaxAttempts = 3;
    private const int ReasonsShown = 5;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Imports <paramref name="path"/> into <paramref name="store"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The source file.</param>
    /// <param name="options">How to read it.</param>
    /// <param name="clock">Time source for the import log.</param>
    /// <param name="quarantineFile">Where to write the quarantined lines when nothing could be loaded (null = nowhere).</param>
    /// <param name="progress">Told every few seconds how many lines were read and how fast ("Loading x.csv: 250,000 lines, 38,000 lines/s").</param>
    /// <exception cref="NothingLoadedException">No line could be loaded; the store is unchanged.</exception>
    public static ImportResult Import(
        SegmentaStore store, string path, ImportOptions options, TimeProvider? clock = null, string? quarantineFile = null, Action<string>? progress = null)
    {
        clock ??= TimeProvider.System;
        var watch = Stopwatch.StartNew();
        options.Validate();
        if (Directory.Exists(path))
        {
            throw new SegmentaException($"{path} is a folder. Give the path of a CSV, .csv.gz, .xlsx or .parquet file.");
        }
        if (!File.Exists(path))
        {
            throw new SegmentaException($"File not found: {path}. Give the path of a CSV, .csv.gz, .xlsx or .parquet file.");
        }
        var format = SourceFormatDetector.Detect(path);
        var sha256 = HashBeside(path);
        store.Execute(SqlScripts.Get("Loading/imports_requested_options.sql"));
        var requested = options.Requested();
        int? replacing = null;
        if (MayHaveBeenImported(store, path) && FindImport(store, sha256.GetAwaiter().GetResult()) is { } existing)
        {
            var differences = Differences(existing.RequestedOptions, requested);
            if (!options.Replace && differences.Count == 0)
            {
                return existing with { AlreadyImported = true, Elapsed = watch.Elapsed };
            }
            if (!options.Replace)
            {
                throw new SegmentaException(
                    $"{existing.SourceName} was imported before (import {existing.ImportId}, {DescribeRequested(existing.RequestedOptions)}) and is not read again, "
                    + $"but you now ask {string.Join(", ", differences)}. Add --replace to import it again with these options (its earlier lines are replaced), "
                    + "or leave these options out to keep the earlier import.");
            }
            replacing = existing.ImportId;
        }

        var settings = InitialSettings(options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return ImportOnce(store, path, format, sha256, settings, options, clock, watch, replacing, quarantineFile, progress) with { ReplacedImportId = replacing };
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
        SegmentaStore store, string path, SourceFormat format, Task<string> sha256, SourceSettings settings,
        ImportOptions options, TimeProvider clock, Stopwatch watch, int? replacing, string? quarantineFile, Action<string>? progress)
    {
        // Read whole: its lines are read ahead beside the parsing, also while the sample below decides the settings.
        var (source, text) = SourceOpener.Open(path, format, settings.EncodingName, settings.Delimiter, options.Header, readAhead: true);
        using (source)
        {
            var hasHeader = source is not DelimitedRecordReader reader || reader.HasHeader;
            var mapping = MapColumns(path, format, settings, source, options, hasHeader);
            settings = DecideFromSample(path, format, settings, text, mapping, options);
            var importId = (int)(store.Scalar<long?>("SELECT max(import_id) FROM imports") ?? 0) + 1;
            // Declared before the transaction, so the store's settings come back after its commit or rollback.
            using var engine = new ImportEngineSettings(store);
            using var transaction = store.Connection.BeginTransaction();
            if (replacing is { } old)
            {
                store.Execute("DELETE FROM raw_lines WHERE import_id = $id; DELETE FROM quarantine WHERE import_id = $id; DELETE FROM imports WHERE import_id = $id;", ("id", old));
            }
            // Typed Parquet columns are loaded set-based, without text parsing; other sources record by record.
            if (format != SourceFormat.Parquet || options.ParquetRecordByRecord || !ParquetTypedImport.TryLoad(store, path, mapping, importId, out var loaded, out var quarantined))
            {
                using var writer = new RawLineWriter(store.Connection, importId);
                engine.LowerThreadsToOne();
                engine.WriteEachRowGroup();
                engine.WithoutFsstOrZstd();
                ReadAll(source, mapping, settings, writer, path, hasHeader, progress);
                writer.Complete();
                (loaded, quarantined) = (writer.Loaded, writer.Quarantined);
            }
            var result = new ImportResult
            {
                ImportId = importId,
                SourceName = Path.GetFileName(path),
                AlreadyImported = false,
                Format = format.ToString(),
                Encoding = text is null ? null : settings.EncodingName ?? text.EncodingName,
                Delimiter = text is null ? null : LoadHint.Describe(text.Delimiter).Trim('\''),
                DateOrder = settings.DateFormat.ExactFormat ?? settings.DateFormat.Keyword ?? settings.DateStyleSeen
                    ?? (settings.DateOrderIsGuess ? $"{settings.DateOrder} (assumed: no date decided it)" : settings.DateOrder.ToString()),
                DecimalStyle = settings.DecimalStyle.ToString(),
                ColumnMap = mapping.Describe(),
                Roles = mapping.Indexes.Keys.ToHashSet(),
                LinesRead = loaded + quarantined,
                LinesLoaded = loaded,
                LinesQuarantined = quarantined,
                Elapsed = watch.Elapsed,
                HasHeader = hasHeader,
                RequestedOptions = options.Requested(),
            };
            if (loaded == 0)
            {
                var reasons = TopReasons(store, importId);
                var written = quarantined > 0 && quarantineFile is not null
                    ? QuarantineFile.Write(store, quarantineFile, importId, result.SourceName)
                    : null;
                transaction.Rollback();
                throw new NothingLoadedException(result, reasons, LoadHint.For(reasons, settings, hasHeader), written);
            }
            RecordImport(store, path, sha256.GetAwaiter().GetResult(), result, clock);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>Maps the columns; when a role is missing, the first data line is read again to suggest columns by their values.</summary>
    private static ColumnMapping MapColumns(string path, SourceFormat format, SourceSettings settings, IRecordSource source, ImportOptions options, bool hasHeader)
    {
        try
        {
            return ColumnMapper.Map(source.Header, options.ColumnMap, example: null, hasHeader);
        }
        catch (MissingColumnException)
        {
            var (peek, _) = SourceOpener.Open(path, format, settings.EncodingName, settings.Delimiter, options.Header, rowLimit: 1);
            using (peek)
            {
                var example = peek.Read() ? Enumerable.Range(0, peek.FieldCount).Select(i => peek.Field(i).ToString()).ToList() : null;
                return ColumnMapper.Map(source.Header, options.ColumnMap, example, hasHeader);
            }
        }
    }

    private static List<QuarantineReason> TopReasons(SegmentaStore store, int importId) =>
        store.Query(SqlScripts.Get("Loading/import_quarantine_reasons.sql"),
            r => new QuarantineReason(r.GetString(0), r.GetInt64(1), r.GetInt64(2), SafeText.Clip(r.GetString(3)), SafeText.Clip(r.GetString(4))),
            ("id", importId), ("kindPattern", " '.*$|:.*$"), ("maxEcho", SafeText.MaxEcho), ("top", ReasonsShown));

    /// <summary>The options asked for now that differ from those of the earlier import ("--date-format ymd (was dmy)").</summary>
    private static List<string> Differences(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        now.Where(p => !before.TryGetValue(p.Key, out var old) || !string.Equals(old, p.Value, StringComparison.OrdinalIgnoreCase))
            .Select(p => before.TryGetValue(p.Key, out var old) ? $"{Option(p.Key, p.Value)} (was {old})" : $"{Option(p.Key, p.Value)} (was detected)")
            .ToList();

    private static string DescribeRequested(IReadOnlyDictionary<string, string> requested) =>
        requested.Count == 0 ? "with detected settings" : "with " + string.Join(" ", requested.Select(p => Option(p.Key, p.Value)));

    private static string Option(string key, string value) =>
        key.StartsWith("--map ", StringComparison.Ordinal) ? $"{key}={value}" : $"{key} {value}";

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
        var (sampleSource, _) = SourceOpener.Open(path, format, settings.EncodingName, settings.Delimiter, options.Header, SampleEvidence.SampleRecords);
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
            if (!settings.DateFormat.IsFixed)
            {
                settings = settings with { DateStyleSeen = evidence.YearFirstStyle() };
            }
        }
        return settings;
    }

    /// <summary>
    /// DuckDB's settings while lines are appended record by record, set back on dispose (after the commit or rollback).
    /// </summary>
    private sealed class ImportEngineSettings(SegmentaStore store) : IDisposable
    {
        private long? _threads;
        private long? _rowGroupsBuffered;
        private IDisposable? _compressionSetBack;

        /// <summary>
        /// One DuckDB thread while lines are appended and committed: the appender writes on the calling thread, and with
        /// worker threads DuckDB 1.5's calling thread busy-polls the scheduler at every flush (duckdb/duckdb#22178, decision
        /// 42); the commit, which writes the last row groups, is work on the calling thread too and polled the same way when
        /// the setting came back before it (session 10 front).
        /// </summary>
        internal void LowerThreadsToOne()
        {
            _threads = store.Scalar<long>("SELECT current_setting('threads')::BIGINT");
            store.Execute("SET threads = 1");
        }

        /// <summary>
        /// Each full row group written (compressed) to the file as the next one starts, by the writing thread while the
        /// parsing goes on, instead of DuckDB's default of five buffered and written together (write_buffer_row_group_count):
        /// a file of fewer than five row groups (the shared data: 541,909 lines, 4.4 row groups) was compressed whole by
        /// the commit, on one thread, with nothing beside it (docs/benchmarks.md, session 13, quick helper). Buffering
        /// fewer row groups holds less memory too.
        /// </summary>
        internal void WriteEachRowGroup()
        {
            _rowGroupsBuffered = store.Scalar<long>("SELECT current_setting('write_buffer_row_group_count')::BIGINT");
            store.Execute("SET write_buffer_row_group_count = 1");
        }

        /// <summary>
        /// raw_lines' row groups compressed without trying FSST or ZSTD, as cleaning writes the kept lines (decisions 79,
        /// 87): the writing thread compresses each full row group while the parsing goes on and is, with the parsing
        /// thread, the import's bound on two cores. In a store of the format before DuckDB 1.5 (stores created before
        /// session 14), trying FSST on each text segment was 15-25 % of a raw_lines write (the shared data copied on one
        /// thread: 586-676 ms CPU with it, 503-519 ms without), for the same number of blocks (43); a store in the 1.5
        /// format (<see cref="SegmentaStore.StorageVersion"/>) compresses texts by DICT_FSST, but analyses every text
        /// segment for ZSTD as well, which it then never chooses here (a copy of the shared data's raw_lines on one
        /// thread: 414-417 ms CPU with that analysis, 358-361 ms without; in the import itself it was only about 0.3 % of
        /// the samples, decision 87). Set back after the commit.
        /// </summary>
        internal void WithoutFsstOrZstd()
        {
            _compressionSetBack = store.WithoutFsstOrZstd();
        }

        public void Dispose()
        {
            _compressionSetBack?.Dispose();
            if (_rowGroupsBuffered is { } buffered)
            {
                store.Execute(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET write_buffer_row_group_count = {buffered}"));
            }
            if (_threads is { } threads)
            {
                store.Execute(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SET threads = {threads}"));
            }
        }
    }

    private static RestartImport WrongEncoding(SourceSettings settings) =>
        new(settings with { EncodingName = "windows-1252", EncodingIsGuess = false }, "the file is not valid UTF-8");

    private static void RecordImport(SegmentaStore store, string path, string sha256, ImportResult result, TimeProvider clock)
    {
        store.Execute(
            """
            INSERT INTO imports (import_id, source_name, source_path, size_bytes, sha256, format, encoding, delimiter, date_order,
                decimal_style, column_map, roles, lines_read, lines_loaded, lines_quarantined, imported_at, seconds, requested_options)
            VALUES ($id, $name, $path, $size, $sha, $format, $encoding, $delimiter, $dateOrder, $decimal,
                $map, $roles, $read, $loaded, $quarantined, $at, $seconds, $requested)
            """,
            ("id", result.ImportId), ("name", result.SourceName), ("path", Path.GetFullPath(path)),
            ("size", new FileInfo(path).Length), ("sha", sha256), ("format", result.Format), ("encoding", result.Encoding),
            ("delimiter", result.Delimiter), ("dateOrder", result.DateOrder), ("decimal", result.DecimalStyle),
            ("map", result.ColumnMap), ("roles", string.Join(",", result.Roles.Order().Select(RoleNames.Of))),
            ("read", result.LinesRead), ("loaded", result.LinesLoaded), ("quarantined", result.LinesQuarantined),
            ("at", clock.GetUtcNow().UtcDateTime), ("seconds", result.Elapsed.TotalSeconds), ("requested", JsonSerializer.Serialize(result.RequestedOptions, SegmentaJson.Default.IReadOnlyDictionaryStringString)));
    }

    private static ImportResult? FindImport(SegmentaStore store, string sha256) =>
        store.Query(
            """
            SELECT import_id, source_name, format, encoding, delimiter, date_order, decimal_style, column_map, roles, lines_loaded,
                   lines_quarantined, requested_options
            FROM imports WHERE sha256 = $sha
            """,
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
                RequestedOptions = r.IsDBNull(11) ? new Dictionary<string, string>() : JsonSerializer.Deserialize(r.GetString(11), SegmentaJson.Default.DictionaryStringString) ?? [],
            },
            ("sha", sha256)).FirstOrDefault();

    /// <summary>Writes every quarantined line of the store (file, line, reason, text cut to 200 characters) to a CSV file.</summary>
    public static string WriteQuarantine(SegmentaStore store, string path) => QuarantineFile.Write(store, path);

    internal static IReadOnlySet<ColumnRole> ParseRoles(string roles) =>
        roles.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => RoleNames.TryParse(name, out var role) ? role : (ColumnRole?)null)
            .OfType<ColumnRole>()
            .ToHashSet();

    /// <summary>
    /// The file's SHA-256, computed on a thread of its own while the file is read (it is needed only to record the import,
    /// and first only when <see cref="MayHaveBeenImported"/>): hashing first put a whole extra read of the file before the
    /// import, 15 ms for the shared data's 7.6 MB and about 0.4 s for 10M generated lines' 191 MB (decision 87).
    /// </summary>
    private static Task<string> HashBeside(string path) =>
        OwnThread.Start(() => HashFile(path));

    /// <summary>Whether an earlier import of the store has this file's size: only then can it be the same file.</summary>
    private static bool MayHaveBeenImported(SegmentaStore store, string path) =>
        store.Scalar<long>("SELECT count(*) FROM imports WHERE size_bytes = $size", ("size", new FileInfo(path).Length)) > 0;

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
