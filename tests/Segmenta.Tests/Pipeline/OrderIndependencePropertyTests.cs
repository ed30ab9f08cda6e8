using CsCheck;
using Segmenta.Pipeline;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Pipeline;

/// <summary>Issue 12: the same lines in any order, split over any number of files, give byte-identical outputs.</summary>
public class OrderIndependencePropertyTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    /// <summary>
    /// A small shop with every money rule in it: prices whose double sums leave residue (0.1, 0.2, 0.7, 1.005),
    /// a customer who returns everything (Monetary exactly 0), partial returns over two purchases, a refund,
    /// a double-exported line, a free item, cancellations without purchase, and lines without customer.
    /// </summary>
    private static readonly string[] Shop =
    [
        "1,A,Heart,3,2011-01-03 10:00,0.10,10,UK",
        "1,B1,Lamp,1,2011-01-03 10:00,0.20,10,UK",
        "2,A,Heart,7,2011-01-20 11:00,0.70,10,UK",
        "C3,A,Heart,-3,2011-01-21 09:00,0.10,10,UK",
        "C3,B1,Lamp,-1,2011-01-21 09:00,0.20,10,UK",
        "C4,A,Heart,-7,2011-01-22 09:00,0.70,10,UK",
        "5,A,Heart,4,2011-02-01 10:00,1.005,11,France",
        "6,A,Heart,5,2011-02-10 10:00,1.005,11,France",
        "C7,A,Heart,-6,2011-02-12 10:00,1.005,11,France",
        "8,C,Mug,2,2011-02-15 10:00,3.30,11,France",
        "8,C,Mug,2,2011-02-15 10:00,3.30,11,France",
        "9,D2,Bowl,1,2011-03-01 10:00,0,12,UK",
        "10,E,Glue,12,2011-03-02 10:00,0.29,13,UK",
        "C11,M,Manual,-1,2011-03-05 10:00,1.10,13,UK",
        "C12,F,Vase,-2,2011-03-06 10:00,4.95,13,UK",
        "13,E,Glue,1,2011-03-07 10:00,0.29,,UK",
        "14,POST,Postage,1,2011-03-07 10:00,18.00,13,UK",
        "15,G,Card,24,2011-04-01 10:00,0.42,14,Germany",
        "16,G,Card,24,2011-05-01 10:00,0.42,14,Germany",
        "17,G,Card,12,2011-06-02 10:00,0.42,14,Germany",
        "C18,G,Card,-30,2011-06-03 10:00,0.42,14,Germany",
        "19,H,Box,1,2011-06-20 10:00,2.10,15,UK",
        "20,E,Glue,3,2011-06-21 10:00,0.29,10,UK",
    ];

    [Fact]
    public void Any_order_and_any_split_of_the_same_lines_gives_byte_identical_outputs()
    {
        var expected = Outputs(Run([Shop]));
        Assert.Equal("0", CustomerCell(expected, "12", "Monetary"));
        Gen.Int[0, int.MaxValue].Sample(seed =>
        {
            var random = new Random(seed);
            var lines = Shop.ToArray();
            random.Shuffle(lines);
            var parts = random.Next(1, 4);
            // Every part holds at least one line: a header-only file is refused on its own (issue 14), which is not what is tested here.
            var cuts = Enumerable.Range(1, lines.Length - 1).OrderBy(_ => random.Next()).Take(parts - 1).Order().ToList();
            var files = new List<string[]>();
            var start = 0;
            foreach (var cut in cuts.Append(lines.Length))
            {
                files.Add(lines[start..cut]);
                start = cut;
            }
            var actual = Outputs(Run(files));
            Assert.Equal(expected.Keys, actual.Keys);
            foreach (var (file, text) in expected)
            {
                Assert.True(text == actual[file], $"{file} differs for seed {seed} ({parts} files)");
            }
        }, iter: 4, threads: 1);
    }

    [Fact]
    public void The_same_lines_imported_twice_give_the_customers_of_one_import_because_copies_within_an_invoice_are_removed()
    {
        var once = Outputs(Run([Shop]))["customers.csv"];
        var twice = Outputs(Run([Shop, [.. Shop.Reverse()]]))["customers.csv"]; // reversed: another file, the same lines

        Assert.Equal(once, twice);
    }

    private static string CustomerCell(Dictionary<string, string> outputs, string id, string column)
    {
        var lines = outputs["customers.csv"].Split('\n');
        var index = Array.IndexOf(lines[0].Split(','), column);
        return lines.Single(l => l.StartsWith(id + ",", StringComparison.Ordinal)).Split(',')[index];
    }

    private static TempDirectory Run(IReadOnlyList<string[]> files)
    {
        var directory = new TempDirectory();
        var inputs = files.Select((lines, i) => directory.Write($"part{i}.csv", Header + "\n" + string.Join("\n", lines) + "\n")).ToList();
        AnalysisPipeline.Run(new AnalysisOptions
        {
            Inputs = inputs,
            OutputDirectory = directory.File("out"),
            Features = new Segmenta.Features.FeatureOptions { AsOf = new DateOnly(2011, 7, 1) },
            Recommendation = null,
        });
        return directory;
    }

    /// <summary>Every CSV and text output by relative path (the database and the report hold run times and paths).</summary>
    private static Dictionary<string, string> Outputs(TempDirectory directory)
    {
        using (directory)
        {
            var root = directory.File("out");
            return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
        }
    }
}
