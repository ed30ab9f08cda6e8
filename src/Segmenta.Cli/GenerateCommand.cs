using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Segmenta.Generating;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta generate --lines N --out FILE</c>: a synthetic shop with its ground truth beside it.</summary>
internal static class GenerateCommand
{
    internal static Command Create()
    {
        var lines = new Option<long>("--lines") { Description = "Lines to write (exactly).", Required = true };
        var customers = new Option<long?>("--customers") { Description = "About how many customers (default: about one per 100 lines)." };
        var products = new Option<int>("--products") { Description = "Products in the catalogue.", DefaultValueFactory = _ => 4_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw (same seed, same file).", DefaultValueFactory = _ => 0 };
        var format = new Option<string?>("--format") { Description = "csv, csv.gz or parquet (default: from the --out extension)." };
        var output = new Option<string>("--out") { Description = "The file to write; its ground truth goes to FILE.truth.json.", Required = true };
        var command = new Command("generate", "Write a synthetic shop's transaction log (UCI layout: seasonality, BG/NBD customers, returns, refunds, duplicates, guests...) and the counts a correct analysis must find.")
        {
            lines, customers, products, seed, format, output,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(output)!;
            var options = new GenerateOptions
            {
                Lines = parse.GetValue(lines),
                Customers = parse.GetValue(customers),
                Products = parse.GetValue(products),
                Seed = parse.GetValue(seed),
                Format = Format(parse.GetValue(format), path),
                OutputPath = path,
            };
            var watch = Stopwatch.StartNew();
            var truth = CommandRunner.WithProgress(onStep =>
            {
                onStep($"Generating {options.Lines:N0} lines");
                return ShopGenerator.Generate(options);
            });
            var kept = truth.Default.Single(r => r.Rule == "kept");
            Terminal.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {truth.Lines:N0} lines ({truth.CustomerIds:N0} customer ids, {truth.Customers:N0} with kept purchases, {kept.Lines:N0} kept lines) in {watch.Elapsed.TotalSeconds:0.0} s"));
            Terminal.Out.MarkupLine($"Data: {Markup.Escape(path)}");
            Terminal.Out.MarkupLine($"Ground truth: {Markup.Escape(options.TruthPath)}");
            Terminal.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"Expected net sales (default cleaning): {truth.Money.NetSales:N2}"));
            return 0;
        }));
        return command;
    }

    private static GeneratedFormat Format(string? text, string path) => text?.ToLowerInvariant() switch
    {
        null => GenerateOptions.FormatOf(path),
        "csv" => GeneratedFormat.Csv,
        "csv.gz" or "gz" => GeneratedFormat.CsvGz,
        "parquet" => GeneratedFormat.Parquet,
        _ => throw new SegmentaException($"--format {text} is not known. Use csv, csv.gz or parquet."),
    };
}
