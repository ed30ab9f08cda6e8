using System.Diagnostics;
using System.Globalization;
using System.Text;
using Segmenta.Loading;
using Segmenta.Store;

namespace Segmenta.Bench.Loading;

/// <summary>
/// `dotnet run -c Release --project bench/Segmenta.Bench -- load-parts [file] [import]`: the import of a text file taken apart,
/// each phase timed alone (wall and CPU of the whole process): gzip decompression, decoding and line splitting,
/// record splitting, conversion to typed lines, and the whole import into a fresh store. Says where loading's CPU goes. With `import`, only the whole import (any format, Parquet included).
/// </summary>
internal static class LoadTiming
{
    internal static void Run(string dataFile, bool importOnly)
    {
        var format = SourceFormatDetector.Detect(dataFile);
        if (!importOnly)
        {
            Phases(dataFile, format);
        }
        for (var round = 0; round < 2; round++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"segmenta-load-bench-{Environment.ProcessId}.duckdb");
            try
            {
                using var store = SegmentaStore.Open(path);
                if (Environment.GetEnvironmentVariable("BENCH_DUCKDB_SETTINGS") is { Length: > 0 } settings)
                {
                    store.Execute(settings);
                }
                Time("whole import (fresh store)", () => Importer.Import(store, dataFile, new ImportOptions()).LinesLoaded);
            }
            finally
            {
                File.Delete(path);
                File.Delete(path + ".wal");
            }
        }
    }

    private static void Phases(string dataFile, SourceFormat format)
    {
        Time("gzip/read bytes only", () =>
        {
            using var stream = SourceOpener.OpenBytes(dataFile, format);
            var buffer = new byte[1 << 16];
            long total = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                total += read;
            }
            return total;
        });
        Time("+ decode, ReadLine", () =>
        {
            using var reader = new StreamReader(SourceOpener.OpenBytes(dataFile, format), Encoding.UTF8, false, 1 << 16);
            long lines = 0;
            while (reader.ReadLine() is not null)
            {
                lines++;
            }
            return lines;
        });
        Time("+ record split", () =>
        {
            var (source, _) = SourceOpener.Open(dataFile, format, null, null);
            using (source)
            {
                long records = 0;
                while (source.Read())
                {
                    records++;
                }
                return records;
            }
        });
        Time("+ convert", () =>
        {
            var (source, _) = SourceOpener.Open(dataFile, format, null, null);
            using (source)
            {
                var mapping = ColumnMapper.Map(source.Header, new Dictionary<ColumnRole, string>(), null, true);
                var converter = new LineConverter(mapping, DateFormat.Detect, DateOrder.MonthFirst, DecimalStyle.Point);
                var line = default(TransactionLine);
                long ok = 0;
                while (source.Read())
                {
                    if (source.Problem == RecordProblem.None && converter.TryConvert(source, ref line) is null)
                    {
                        ok++;
                    }
                }
                return ok;
            }
        });
    }

    private static void Time(string name, Func<long> action)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var count = action();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-30} {watch.Elapsed.TotalSeconds,7:0.000} s wall {cpu,7:0.000} s CPU  ({count:N0})"));
    }
}
