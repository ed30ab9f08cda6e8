using System.Globalization;
using System.Text;
using System.IO.Compression;
using Segmenta.Cleaning;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>
/// The same transactions exported another way (semicolons, day-first dates with slashes, decimal commas,
/// Windows-1252, Online Retail II column names plus one unusual name mapped by hand) must give identical customers.
/// </summary>
public class OtherLayoutTests
{
    private const int Lines = 80_000; // reaches 13 December 2010, so day-first is only decided past the first sample

    [Fact]
    public void A_European_export_of_the_same_data_gives_identical_customers()
    {
        using var directory = new TempDirectory();
        var (original, european) = WriteBothLayouts(directory);

        var a = Analyze(original, Path.Combine(directory.Path, "a"), new ImportOptions());
        var b = Analyze(european, Path.Combine(directory.Path, "b"), new ImportOptions
        {
            ColumnMap = new Dictionary<ColumnRole, string> { [ColumnRole.Date] = "Rechnungsdatum" },
        });

        Assert.Equal("DayFirst", b.Imports[0].DateOrder);
        Assert.Equal("windows-1252", b.Imports[0].Encoding);
        Assert.Equal(";", b.Imports[0].Delimiter);
        Assert.Equal(a.Features.Customers, b.Features.Customers);
        Assert.Equal(File.ReadAllLines(Path.Combine(directory.Path, "a", "customers.csv")), File.ReadAllLines(Path.Combine(directory.Path, "b", "customers.csv")));
    }

    private static AnalysisResult Analyze(string input, string output, ImportOptions import) => AnalysisPipeline.Run(new AnalysisOptions
    {
        Inputs = [input],
        OutputDirectory = output,
        Import = import,
        Cleaning = new CleaningOptions { Preset = CleaningPreset.Classic },
    });

    /// <summary>Rewrites the first lines of the shared file, with a tiny independent CSV splitter.</summary>
    private static (string Original, string European) WriteBothLayouts(TempDirectory directory)
    {
        var originalPath = directory.File("original.csv");
        var europeanPath = directory.File("european.csv");
        using var input = new StreamReader(new GZipStream(File.OpenRead(RepoPaths.OnlineRetail), CompressionMode.Decompress));
        using var original = new StreamWriter(originalPath, false, new UTF8Encoding(false));
        using var european = new StreamWriter(europeanPath, false, TextFormatSniffer.Windows1252);
        original.WriteLine(input.ReadLine());
        european.WriteLine("Invoice;StockCode;Description;Quantity;Rechnungsdatum;Price;Customer ID;Country");
        for (var i = 0; i < Lines && input.ReadLine() is { } line; i++)
        {
            original.WriteLine(line);
            var f = Split(line);
            var date = DateTime.ParseExact(f[4], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            var price = double.Parse(f[5], CultureInfo.InvariantCulture).ToString("0.###", CultureInfo.InvariantCulture).Replace('.', ',');
            var customer = f[6].Length == 0 ? "" : ((long)double.Parse(f[6], CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
            var description = f[2].Contains(';') || f[2].Contains('"') ? "\"" + f[2].Replace("\"", "\"\"") + "\"" : f[2];
            european.WriteLine(string.Join(';', f[0], f[1], description, f[3], date.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), price, customer, f[7]));
        }
        return (originalPath, europeanPath);
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
            else if (c == '"') { quoted = !quoted; }
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else { current.Append(c); }
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}
