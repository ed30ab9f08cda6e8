using System.Globalization;
using System.Text;
using Segmenta.Lifetime;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Lifetime;

/// <summary>
/// The CDNOW 1/10 sample (../shared/data/cdnow/CDNOW_sample.txt: whitespace-separated master id, sample id, YYYYMMDD,
/// CDs, dollars; no header), rewritten here as a plain CSV and imported through the normal importer and cleaner, then
/// summarised in weeks with the calibration period of the literature (1997-01-01 to 1997-09-30) and the holdout to
/// 1998-06-30. The sample lists each purchase once, so every line gets its own invoice number: identical purchases on
/// one day (19 pairs) are separate purchases, not duplicate lines.
/// </summary>
public sealed class CdnowFixture : IDisposable
{
    public static readonly DateOnly CalibrationEnd = new(1997, 9, 30);
    public static readonly DateOnly ObservationEnd = new(1998, 6, 30);

    private readonly StoreFixture _store = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<CountingModelKind, ModelFit> _fits = new();
    private readonly Lazy<ModelFit> _spend;

    public CdnowFixture()
    {
        _store.Import(ToCsv(File.ReadLines(SamplePath)), name: "cdnow.csv");
        _store.Clean();
        Summary = CustomerSummary.Build(_store.Store, CalibrationEnd, ObservationEnd, unitDays: 7);
        Rows = Summary.Rows();
        _spend = new(() => ModelFitter.FitSpend(Summary.SpendPurchases, Summary.SpendMean, starts: 3, seed: 42));
    }

    public static string SamplePath => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data", "cdnow", "CDNOW_sample.txt"));

    internal CustomerSummary Summary { get; }

    internal SummaryRows Rows { get; }

    internal Segmenta.Store.SegmentaStore Store => _store.Store;

    /// <summary>Each counting model fitted once (3 seeded starts) and shared by the tests.</summary>
    internal ModelFit Fit(CountingModelKind kind) => _fits.GetOrAdd(kind, k => ModelFitter.FitCounting(k, Rows, starts: 3, seed: 42));

    internal ModelFit SpendFit => _spend.Value;

    internal static string ToCsv(IEnumerable<string> lines)
    {
        var csv = new StringBuilder("InvoiceNo,CustomerID,Date,Quantity,Total\n");
        var number = 0;
        foreach (var line in lines)
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }
            var date = DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{++number},{f[0]},{date:yyyy-MM-dd},{f[3]},{f[4]}\n");
        }
        return csv.ToString();
    }

    public void Dispose() => _store.Dispose();
}
