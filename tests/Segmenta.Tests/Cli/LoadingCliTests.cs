using System.Globalization;
using System.Text;
using Segmenta.Cli;
using Segmenta.Tests.Loading;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>Issue 14 as a new user meets it: each case with its exit code and the message that says what to do.</summary>
[Collection("Console")]
public class LoadingCliTests
{
    private static readonly string[] CdnowMap = ["--map", "customer=1", "--map", "date=3", "--map", "quantity=4", "--map", "total=5"];

    private static (int Exit, string Output, string Error) Segmenta(params string[] args) => ConsoleCapture.Run(() => CliApp.Run(args));

    private static string[] ErrorLines(string error) => error.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void The_cdnow_sample_is_analysed_with_the_map_flags_of_the_readme()
    {
        // README.md shows the CDNOW command; it runs here as written (plus flags that skip the slow stages).
        var line = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md")).Select(l => l.Trim())
            .Single(l => l.StartsWith("./segmenta analyze ", StringComparison.Ordinal) && l.Contains("CDNOW_sample.txt", StringComparison.Ordinal));
        using var directory = new TempDirectory();
        var args = line["./segmenta ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.EndsWith("CDNOW_sample.txt", StringComparison.Ordinal) ? RealWorldFileTests.Cdnow : a == "out-cdnow" ? directory.File("out") : a)
            .Concat(["--no-clusters", "--no-recommendations"]).ToArray();

        var (exit, output, error) = Segmenta(args);

        Assert.True(exit == 0, error);
        Assert.Contains("delimiter whitespace, no header (columns by position), dates yyyyMMdd", output);
        Assert.Contains("│ 6,919      │ 6,919  │ 0           │", output);
        // 2,357 customers (../shared/data/README.md), all of them in customers.csv: the 8 whose only purchases cost $0
        // are kept with Monetary 0 (issue 13), not dropped.
        Assert.Equal(2_357 + 1, File.ReadAllLines(directory.File("out/customers.csv")).Length);
        Assert.DoesNotContain("MonthFirst", output);
    }

    [Fact]
    public void A_file_whose_every_line_is_quarantined_exits_1_with_the_reasons_the_fix_and_the_quarantine_file()
    {
        using var directory = new TempDirectory();
        var db = directory.File("out/segmenta.duckdb");

        var (exit, output, error) = Segmenta(["import", RealWorldFileTests.Cdnow, "--db", db, .. CdnowMap, "--date-format", "dd/MM/yyyy"]);
        var (again, againOutput, againError) = Segmenta(["import", RealWorldFileTests.Cdnow, "--db", db, .. CdnowMap]);

        Assert.Equal(1, exit);
        Assert.Contains("│ CDNOW_sample.txt │ 6,919      │ 0      │ 6,919       │", output);
        Assert.Contains("│ impossible or unreadable date '19970101' │ 6,919 │ line 1:  00004 0001 19970101  2   29.33 │", output);
        Assert.Equal(
            ["error: No line of CDNOW_sample.txt could be loaded; nothing was recorded, so running again with corrected options imports it. "
             + "Dates look like 19970101 (read with --date-format dd/MM/yyyy): try --date-format yyyyMMdd."],
            ErrorLines(error));
        Assert.Contains($"Every quarantined line: {directory.File("out/quarantine.csv")}", error);
        Assert.Equal(6_919 + 1, File.ReadAllLines(directory.File("out/quarantine.csv")).Length);
        Assert.True(again == 0, againError);
        Assert.Contains("│ CDNOW_sample.txt │ 6,919      │ 6,919  │ 0           │", againOutput);
    }

    [Theory]
    [InlineData("--date-format", "xyz", "error: --date-format: xyz: 'x' is not a date token. Use dmy, mdy or ymd, or a .NET pattern such as yyyyMMdd, dd/MM/yyyy or \"yyyy-MM-dd HH:mm\" (tokens yyyy MM dd HH mm ss).")]
    [InlineData("--k", "0", "error: --k: must be 2 or more (or auto): one segment would be the whole base; got 0.")]
    [InlineData("--k-range", "8..3", "error: --k-range: expected MIN..MAX with MIN at least 2, e.g. 2..10; got '8..3'.")]
    [InlineData("--delimiter", "ab", "error: --delimiter ab: use comma, semicolon, tab, pipe, whitespace or a single character.")]
    [InlineData("--header", "maybe", "error: --header maybe: use auto, yes or no.")]
    public void A_bad_option_exits_1_before_anything_is_imported(string option, string value, string message)
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n1,2011-01-01,5\n");

        var (exit, _, error) = Segmenta("analyze", input, "--out", directory.File("out"), option, value);

        Assert.Equal(1, exit);
        Assert.Equal([message], ErrorLines(error));
        Assert.DoesNotContain("Loading", error);
        Assert.False(File.Exists(directory.File("out/segmenta.duckdb")));
    }

    [Fact]
    public void An_as_of_date_before_the_purchases_exits_1_naming_the_option()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n1,2011-01-01,5\n2,2011-03-01,6\n");

        var (before, _, beforeError) = Segmenta("analyze", input, "--out", directory.File("out"), "--as-of", "1900-01-01");
        var (middle, _, middleError) = Segmenta("analyze", "--out", directory.File("out"), "--as-of", "2011-02-01");

        Assert.Equal((1, 1), (before, middle));
        Assert.Equal(["error: --as-of 1900-01-01 is before the first purchase (2011-01-01): every recency would be negative. "
            + "Give a date on or after the last purchase (2011-03-01), or leave --as-of out to use the day after it."], ErrorLines(beforeError));
        Assert.StartsWith("error: --as-of 2011-02-01 is before the last purchase (2011-03-01): --as-of does not cut the data", ErrorLines(middleError).Single());
    }

    [Fact]
    public void A_k_above_the_number_of_customers_exits_1()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n" + string.Concat(Enumerable.Range(1, 12).Select(i => $"{i},2011-01-{i:00},{i}\n")));

        var (exit, _, error) = Segmenta("analyze", input, "--out", directory.File("out"), "--k", "500", "--no-recommendations");

        Assert.Equal(1, exit);
        Assert.Equal(["error: --k: 500: there are only 12 customers. Give a k of at most 12, or auto."], ErrorLines(error));
    }

    [Fact]
    public void An_out_folder_that_is_a_file_or_cannot_be_written_is_one_line_without_a_stack_trace()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n1,2011-01-01,5\n");
        var file = directory.Write("taken", "");

        var (exit, _, error) = Segmenta("analyze", input, "--out", file);
        var (nested, _, nestedError) = Segmenta("analyze", input, "--out", Path.Combine(file, "inside"));

        Assert.Equal((1, 1), (exit, nested));
        Assert.Equal([$"error: --out {file} is a file, not a folder. Give a folder for the results, e.g. --out out."], ErrorLines(error));
        Assert.StartsWith($"error: --out {Path.Combine(file, "inside")}: cannot write there (", ErrorLines(nestedError).Single());
        Assert.DoesNotContain("   at ", error + nestedError);
    }

    [Fact]
    public void A_header_only_file_exits_1_saying_it_has_no_data_lines()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("empty.csv", "CustomerID,InvoiceDate,Total\n");

        var (exit, _, error) = Segmenta("analyze", input, "--out", directory.File("out"));

        Assert.Equal(1, exit);
        Assert.Equal(["error: empty.csv has no data lines. Give a file with at least one purchase line under the header."], ErrorLines(error));
    }

    [Fact]
    public void A_missing_customer_column_suggests_the_likely_column_and_a_headerless_file_suggests_positions()
    {
        using var directory = new TempDirectory();
        var named = directory.Write("shop.csv", "InvoiceNo,Client,InvoiceDate,Total\n1,7,2011-01-01,5\n");
        var headerless = directory.Write("cd.txt", " 00004 0001 19970101  2   29.33\n 00004 0001 19970118  2   29.73\n");

        var (exit, _, error) = Segmenta("analyze", named, "--out", directory.File("a"));
        var (exit2, _, error2) = Segmenta("analyze", headerless, "--out", directory.File("b"));

        Assert.Equal((1, 1), (exit, exit2));
        Assert.Equal(["error: The file has no column for customer (e.g. CustomerID). Columns found: 'InvoiceNo', 'Client', 'InvoiceDate', 'Total'. "
            + "Tell Segmenta which column plays each role: --map customer=Client (roles: invoice, product, description, quantity, date, price, total, customer, country, category)."],
            ErrorLines(error));
        Assert.Equal(["error: The file has no column for customer (e.g. CustomerID); date (e.g. InvoiceDate). The file has no header line (its first line is data; if it is a header, add --header yes), so its columns are named by position: "
            + "1 ('00004'), 2 ('0001'), 3 ('19970101'), 4 ('2'), 5 ('29.33'). Tell Segmenta which column plays each role: "
            + "--map customer=1 --map date=3 (roles: invoice, product, description, quantity, date, price, total, customer, country, category)."],
            ErrorLines(error2));
    }

    [Fact]
    public void Re_importing_with_other_options_says_to_add_replace()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n1,01/02/2011,5\n2,03/04/2011,6\n");
        var db = directory.File("s.duckdb");
        Segmenta("import", input, "--db", db);

        var (exit, _, error) = Segmenta("import", input, "--db", db, "--date-format", "dmy");
        var (replaced, output, _) = Segmenta("import", input, "--db", db, "--date-format", "dmy", "--replace");

        Assert.Equal((1, 0), (exit, replaced));
        Assert.StartsWith("error: shop.csv was imported before (import 1, with detected settings) and is not read again, but you now ask --date-format dmy (was detected). Add --replace", ErrorLines(error).Single());
        Assert.Contains("replaced import 1", output);
    }

    [Fact]
    public void A_binary_file_exits_1_without_printing_control_bytes()
    {
        using var directory = new TempDirectory();
        var bytes = new byte[8192];
        new Random(3).NextBytes(bytes);
        var input = directory.File("blob.csv");
        File.WriteAllBytes(input, bytes);

        var (exit, output, error) = Segmenta("analyze", input, "--out", directory.File("out"));

        Assert.Equal(1, exit);
        Assert.DoesNotContain(output + error, c => char.IsControl(c) && c is not ('\n' or '\r'));
        Assert.StartsWith("error: blob.csv is not a text table", ErrorLines(error).Single());
    }

    [Fact]
    public void Quarantined_lines_are_written_to_quarantine_csv_and_the_terminal_points_to_it()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n1,2011-01-01,5\n2,2011-01-02,five\n3,2011-01-03,7\n");

        var (exit, output, error) = Segmenta("analyze", input, "--out", directory.File("out"), "--no-recommendations");

        Assert.True(exit == 0, error);
        Assert.Contains($"Quarantined lines (1): {directory.File("out/quarantine.csv")}", output);
        Assert.Equal(["File,Line,Reason,Text", "shop.csv,3,non-numeric line total 'five',\"2,2011-01-02,five\""], File.ReadAllLines(directory.File("out/quarantine.csv")));
    }

    [Fact]
    public void Customer_ids_and_custom_segment_names_cannot_become_formulas_or_markup()
    {
        using var directory = new TempDirectory();
        var lines = new StringBuilder("Customer,Date,Total\n=1+1,2011-01-01,5\n@SUM(A1),2011-01-02,6\n");
        for (var i = 0; i < 30; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"c{i},2011-{1 + i % 12:00}-{1 + i % 28:00},{1 + i * 7 % 50}\n");
        }
        var input = directory.Write("shop.csv", lines.ToString());
        var names = directory.Write("names.json", """{"kmeans": {"0": "<script>alert(1)</script>", "1": "=cmd|' /C calc'!A0"}}""");

        var (exit, _, error) = Segmenta("analyze", input, "--out", directory.File("out"), "--k", "2", "--segment-names", names, "--no-recommendations");

        Assert.True(exit == 0, error);
        var customers = File.ReadAllText(directory.File("out/customers.csv"));
        Assert.Contains("\n'=1+1,", customers);
        Assert.Contains("\n'@SUM(A1),", customers);
        Assert.DoesNotContain(",=cmd", customers);
        Assert.Contains(",'=cmd|' /C calc'!A0,", customers);
        var insights = File.ReadAllText(directory.File("out/insights.md"));
        Assert.DoesNotContain("<script>", insights);
        Assert.Contains("&lt;script&gt;", insights);
    }

    [Fact]
    public void Piped_output_is_not_wrapped_mid_word_and_shows_one_progress_line_per_step()
    {
        using var directory = new TempDirectory();
        var input = directory.Write("shop.csv", "Customer,Date,Total\n1,2011-01-01,5\n2,2011-01-02,6\n");

        var (exit, output, error) = Segmenta("analyze", input, "--out", directory.File("out"), "--no-recommendations");

        Assert.True(exit == 0, error);
        Assert.All(output.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 160, line));
        Assert.Contains("delimiter ',', dates year-month-day, decimal Point", output);
        Assert.Contains("] Loading shop.csv...", error);
        Assert.Contains("] Cleaning...", error);
    }

    [Fact]
    public void A_basket_log_with_a_constant_total_gets_recommendations_counting_each_line_as_one_unit()
    {
        // A grocery basket log (Member_number,Date,itemDescription) has no quantity: each line is one unit.
        using var directory = new TempDirectory();
        var lines = new StringBuilder("Member_number,Date,itemDescription,Total\n");
        string[] items = ["whole milk", "rolls/buns", "yogurt", "soda", "tropical fruit", "bottled water", "sausage", "root vegetables"];
        for (var member = 0; member < 60; member++)
        {
            for (var visit = 0; visit < 4; visit++)
            {
                var date = new DateOnly(2015, 1, 5).AddDays(member % 7 + visit * 45);
                for (var k = 0; k < 3; k++)
                {
                    lines.Append(CultureInfo.InvariantCulture, $"{1000 + member},{date:dd-MM-yyyy},{items[(member + visit * 3 + k * (1 + member % 3)) % items.Length]},1\n");
                }
            }
        }
        var input = directory.Write("groceries.csv", lines.ToString());

        var (exit, output, error) = Segmenta("analyze", input, "--out", directory.File("out"), "--map", "customer=Member_number",
            "--map", "product=itemDescription", "--map", "total=Total", "--no-clusters");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("Recommendations skipped", output);
        Assert.Equal(60 + 1, File.ReadAllLines(directory.File("out/customers.csv")).Length);
        Assert.Contains("Default recommender:", output);
        Assert.True(File.ReadAllLines(directory.File("out/recommendations.csv")).Length > 1);
    }
}
