using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Segmenta.Cleaning;
using Segmenta.Pipeline;
using Segmenta.Profiling;
using Segmenta.Segmentation;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// The dashboard's pages (server-rendered HTML with Plotly charts) and its two forms: re-run the segmentation, and
/// upload a new file. Forms carry anti-forgery tokens; uploads go to a temporary file whose name the server chooses.
/// </summary>
internal static class DashboardEndpoints
{
    internal static void Map(WebApplication app, WebOptions options)
    {
        app.MapGet("/assets/{name}", (string name) => Asset(name)).ExcludeFromDescription();

        app.MapGet("/", (StoreAccess store) => Html(store.Read(OverviewPage.Render))).ExcludeFromDescription();
        app.MapGet("/cohorts", (StoreAccess store) => Html(store.Read(CohortsPage.Render))).ExcludeFromDescription();
        app.MapGet("/products", (string? product, StoreAccess store) => Html(store.Read(s => ProductsPage.Render(s, product)))).ExcludeFromDescription();
        app.MapGet("/customers", (string? id, StoreAccess store) => Html(store.Read(s => CustomerPage.Render(s, id)))).ExcludeFromDescription();
        app.MapGet("/segments", (string? message, string? error, HttpContext context, IAntiforgery antiforgery, StoreAccess store) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Html(store.Read(s => SegmentsPage.Render(s, tokens.FormFieldName, tokens.RequestToken!, message, error)));
        }).ExcludeFromDescription();
        app.MapGet("/data", (string? q, string? message, string? error, HttpContext context, IAntiforgery antiforgery, StoreAccess store) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Html(store.Read(s => DataPage.Render(s, q, tokens.FormFieldName, tokens.RequestToken!, options.MaxRequestBytes, message, error)));
        }).ExcludeFromDescription();

        app.MapGet("/segments/{segmentation}/{id:int}/activation.csv", (string segmentation, int id, StoreAccess store) =>
            store.Read(s => ProfileOutputs.ActivationCsv(s, segmentation, id)) is { } csv
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", $"segment-{id}.csv")
                : Results.NotFound()).ExcludeFromDescription();

        app.MapPost("/segments/run", (IFormCollection form, StoreAccess store, RecommendationRefresher refresher) =>
        {
            var algorithm = form["algorithm"].ToString();
            try
            {
                // The stored run's options (playbook, name overrides, recommendation options, seed), with only the form's fields changed.
                var stored = store.Read(RunLog.LastOptions) ?? new RunOptions();
                var segmentation = ReadSegmentation(algorithm, form["k"].ToString(), form["scaling"].ToString(), [.. form["features"].Select(f => f ?? "")], stored.Segmentation);
                var result = store.Write(s => AnalysisPipeline.Resegment(
                    new AnalysisOptions { OutputDirectory = Path.GetDirectoryName(s.Path)!, DatabasePath = s.Path }.With(stored with { Segmentation = segmentation }),
                    writeReport: false, recommend: false));
                refresher.Schedule(Path.GetDirectoryName(store.DatabasePath)!);
                var message = (result.Clusters is { } c ? $"Re-ran {algorithm}: {c.K} segments in {result.Elapsed.TotalSeconds:0.00} s." : string.Join(" ", result.Notes))
                    + " Recommendations are being refreshed for the new segments in the background (a few seconds).";
                return Results.Redirect("/segments?message=" + Uri.EscapeDataString(message));
            }
            catch (InvalidOptionException e)
            {
                return Results.Redirect("/segments?error=" + Uri.EscapeDataString(e.MessageFor(FormFields.For(e.Property))));
            }
            catch (SegmentaException e)
            {
                return Results.Redirect("/segments?error=" + Uri.EscapeDataString(e.Message));
            }
        }).ExcludeFromDescription();

        app.MapPost("/data/upload", async (IFormCollection form, StoreAccess store) =>
        {
            var file = form.Files["file"];
            var cleaning = form["cleaning"].ToString();
            if (file is null || file.Length == 0)
            {
                return Results.Redirect("/data?error=" + Uri.EscapeDataString("Choose a file to upload."));
            }
            // The server picks the path; only the extension of the user's name is kept (it tells the format).
            var extension = string.Concat(Path.GetFileName(file.FileName).Split('.').Skip(1).TakeLast(2).Select(e => "." + new string(e.Where(char.IsLetterOrDigit).ToArray())));
            var temporary = Path.Combine(Path.GetTempPath(), $"segmenta-upload-{Guid.NewGuid():N}{extension}");
            try
            {
                await using (var target = File.Create(temporary))
                {
                    await file.CopyToAsync(target);
                }
                var result = store.Write(s => AnalysisPipeline.Run(new AnalysisOptions
                {
                    Inputs = [temporary],
                    OutputDirectory = Path.GetDirectoryName(s.Path)!,
                    DatabasePath = s.Path,
                    Cleaning = new CleaningOptions { Preset = cleaning == "classic" ? CleaningPreset.Classic : CleaningPreset.Default },
                }));
                var import = result.Imports[0];
                var message = import.AlreadyImported
                    ? $"{file.FileName} was already imported: nothing added; analysis refreshed."
                    : $"{file.FileName}: {import.LinesRead:N0} lines read, {import.LinesLoaded:N0} loaded, {import.LinesQuarantined:N0} quarantined; {result.Features.Customers:N0} customers analysed.";
                return Results.Redirect("/data?message=" + Uri.EscapeDataString(message));
            }
            catch (SegmentaException e)
            {
                return Results.Redirect("/data?error=" + Uri.EscapeDataString($"{file.FileName}: {e.Message}"));
            }
            finally
            {
                File.Delete(temporary);
            }
        }).ExcludeFromDescription();
    }

    /// <summary>The form's fields over <paramref name="baseline"/> (the stored run's options); the words are parsed and checked by the core.</summary>
    internal static SegmentationOptions ReadSegmentation(string algorithm, string k, string scaling, string[]? features, SegmentationOptions? baseline = null) =>
        (baseline ?? new SegmentationOptions()) with
        {
            Algorithm = SegmentationOptions.ParseAlgorithm(algorithm),
            K = SegmentationOptions.ParseK(k),
            Scaling = SegmentationOptions.ParseScaling(string.IsNullOrWhiteSpace(scaling) ? "standard" : scaling),
            Features = features is { Length: > 0 } ? SegmentationOptions.ParseFeatures(features) : SegmentationOptions.DefaultFeatures,
        };

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static IResult Asset(string name)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + name);
        if (stream is null)
        {
            return Results.NotFound();
        }
        var type = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : name.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "application/octet-stream";
        return Results.Stream(stream, type);
    }
}
