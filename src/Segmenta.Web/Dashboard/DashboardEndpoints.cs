using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Segmenta.Cleaning;
using Segmenta.Loading;
using Segmenta.Pipeline;
using Segmenta.Profiling;
using Segmenta.Segmentation;
using Segmenta.Store;
using Segmenta.Web.Api;
using Segmenta.Web.Jobs;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// The dashboard's pages (server-rendered HTML with Plotly charts) and its two forms: re-run the segmentation, and
/// upload a new file. Both start background jobs (202 with the job for scripts, a redirect to the page that follows
/// the job for plain forms). Forms carry anti-forgery tokens; uploads go to a temporary folder the server chooses.
/// Banners show only the server's own text (a job's outcome, a fixed message), never text from the query string.
/// </summary>
internal static class DashboardEndpoints
{
    internal static readonly ColumnRole[] MappableRoles =
        [ColumnRole.Customer, ColumnRole.Date, ColumnRole.Invoice, ColumnRole.Product, ColumnRole.Description, ColumnRole.Quantity, ColumnRole.UnitPrice, ColumnRole.LineTotal, ColumnRole.Country];

    internal static void Map(WebApplication app, WebOptions options)
    {
        app.MapGet("/assets/{name}", (string name) => Asset(name)).ExcludeFromDescription();

        app.MapGet("/", (StoreAccess store) => Html(store.Read(OverviewPage.Render))).ExcludeFromDescription();
        app.MapGet("/cohorts", (StoreAccess store) => Html(store.Read(CohortsPage.Render))).ExcludeFromDescription();
        app.MapGet("/clv", (StoreAccess store) => Html(store.Read(ClvPage.Render))).ExcludeFromDescription();
        app.MapGet("/categories", (StoreAccess store) => Html(store.Read(CategoriesPage.Render))).ExcludeFromDescription();
        app.MapGet("/products", (string? product, StoreAccess store) => Html(store.Read(s => ProductsPage.Render(s, product)))).ExcludeFromDescription();
        app.MapGet("/customers", (string? id, StoreAccess store) => Html(store.Read(s => CustomerPage.Render(s, id)))).ExcludeFromDescription();
        app.MapGet("/segments", (string? job, HttpContext context, IAntiforgery antiforgery, StoreAccess store, JobQueue jobs) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var status = job is null ? null : jobs.Find(job);
            return Html(store.Read(s => SegmentsPage.Render(s, tokens.FormFieldName, tokens.RequestToken!, status)));
        }).ExcludeFromDescription();
        app.MapGet("/data", (string? q, string? job, string? error, HttpContext context, IAntiforgery antiforgery, StoreAccess store, JobQueue jobs) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var status = job is null ? null : jobs.Find(job);
            var notice = error switch
            {
                "too-large" => $"The file is larger than this server accepts ({BodyLimit.Describe(options.MaxRequestBytes)}). Split it, compress it (.csv.gz), or import it with segmenta analyze FILE --db {Path.GetFileName(store.DatabasePath)}.",
                "no-file" => "Choose a file to upload.",
                _ => null,
            };
            return Html(store.Read(s => DataPage.Render(s, q, tokens.FormFieldName, tokens.RequestToken!, options.MaxRequestBytes, status, notice)));
        }).ExcludeFromDescription();

        app.MapGet("/explore", (StoreAccess store) => Html(store.Read(ExplorerPage.Render))).ExcludeFromDescription();
        app.MapGet("/explore/{segmentation}/{id:int}", (string segmentation, int id, HttpRequest request, StoreAccess store) =>
            SegmentationKinds.TryParse(segmentation, out var kind) && store.Read(s => SegmentCustomersPage.Render(s, kind, id, request.Query)) is { } html
                ? Html(html)
                : Problems.NotFound($"No segment {id} in segmentation '{segmentation}'.")).ExcludeFromDescription();
        app.MapGet("/explore/{segmentation}/{id:int}/customers.csv", (string segmentation, int id, HttpRequest request, StoreAccess store) => store.Read(s =>
            SegmentationKinds.TryParse(segmentation, out var kind) && SegmentCatalog.Segments(s, kind).Any(x => x.SegmentId == id)
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(SegmentCustomersPage.Csv(s, kind, id, request.Query)), "text/csv", DownloadName(s, kind, id, "customers"))
                : Problems.NotFound($"No segment {id} in segmentation '{segmentation}'."))).ExcludeFromDescription();

        app.MapGet("/segments/{segmentation}/{id:int}/activation.csv", (string segmentation, int id, StoreAccess store) => store.Read(s =>
            SegmentationKinds.TryParse(segmentation, out var kind) && ProfileOutputs.ActivationCsv(s, kind, id) is { } csv
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv", DownloadName(s, kind, id, "activation"))
                : Problems.NotFound($"No segment {id} in segmentation '{segmentation}'."))).ExcludeFromDescription();

        app.MapPost("/segments/run", (IFormCollection form, HttpRequest request, JobQueue jobs, StoreAccess store) =>
        {
            var stored = store.Read(RunLog.LastOptions) ?? new RunOptions();
            SegmentationOptions segmentation;
            try
            {
                // The stored run's options (playbook, name overrides, recommendation options, seed), with only the form's fields changed.
                segmentation = ReadSegmentation(form["algorithm"].ToString(), form["k"].ToString(), form["scaling"].ToString(), [.. form["features"].Select(f => f ?? "")], stored.Segmentation);
            }
            catch (InvalidOptionException e)
            {
                var message = e.MessageFor(FormFields.For(e.Property));
                return BodyLimit.WantsJson(request)
                    ? Problems.BadRequest(FormFields.For(e.Property), message)
                    : Results.Redirect("/segments?job=" + jobs.Failed("resegment", message).Id);
            }
            catch (SegmentaException e) when (BodyLimit.WantsJson(request))
            {
                return Problems.For(e);
            }
            catch (SegmentaException e)
            {
                return Results.Redirect("/segments?job=" + jobs.Failed("resegment", e.Message).Id);
            }
            return Started(DashboardRuns.Resegment(jobs, stored, segmentation), "/segments", request);
        }).WithBodyLimit(WebOptions.FormBodyBytes).ExcludeFromDescription();

        app.MapPost("/data/upload", async (IFormCollection form, HttpRequest request, JobQueue jobs) =>
        {
            var file = form.Files["file"];
            if (file is null || file.Length == 0)
            {
                return BodyLimit.WantsJson(request) ? Problems.BadRequest("file", "Choose a file to upload.") : Results.Redirect("/data?error=no-file");
            }
            // The server picks the folder; the file keeps a cleaned form of the user's name, so the imports list says which file it was.
            var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"segmenta-upload-{Guid.NewGuid():N}")).FullName;
            var name = SafeFileName(file.FileName);
            var path = Path.Combine(folder, name);
            await using (var target = File.Create(path))
            {
                await file.CopyToAsync(target);
            }
            var map = MappableRoles
                .Select(role => (Role: role, Column: form["map-" + role.ToString().ToLowerInvariant()].ToString().Trim()))
                .Where(m => m.Column.Length > 0)
                .ToDictionary(m => m.Role, m => m.Column);
            var cleaning = CleaningOptions.ParsePreset(form["cleaning"] is { Count: > 0 } given ? given.ToString() : "default");
            return Started(DashboardRuns.Upload(jobs, path, name, cleaning, map), "/data", request);
        }).WithBodyLimit(options.MaxRequestBytes).WithMetadata(new TooLargeRedirect("/data?error=too-large")).ExcludeFromDescription();
    }

    /// <summary>202 with the job for scripts; for a plain form, the page that follows the job.</summary>
    private static IResult Started(JobStatus job, string page, HttpRequest request) => BodyLimit.WantsJson(request)
        ? Results.Accepted($"/api/jobs/{job.Id}", job)
        : Results.Redirect($"{page}?job={job.Id}");

    /// <summary>The form's fields over <paramref name="baseline"/> (the stored run's options); the words are parsed and checked by the core.</summary>
    internal static SegmentationOptions ReadSegmentation(string algorithm, string k, string scaling, string[]? features, SegmentationOptions? baseline = null) =>
        (baseline ?? new SegmentationOptions()) with
        {
            Algorithm = SegmentationOptions.ParseAlgorithm(algorithm),
            K = SegmentationOptions.ParseK(k),
            Scaling = SegmentationOptions.ParseScaling(string.IsNullOrWhiteSpace(scaling) ? "standard" : scaling),
            Features = features is { Length: > 0 } ? SegmentationOptions.ParseFeatures(features) : SegmentationOptions.DefaultFeatures,
        };

    /// <summary>A download's name: what it is, of which segmentation and segment, from which run (e.g. rfm-champions-activation-run-20111209-1200.csv).</summary>
    internal static string DownloadName(Store.SegmentaStore store, SegmentationKind segmentation, int segmentId, string what)
    {
        var segment = SegmentCatalog.Segments(store, segmentation).FirstOrDefault(s => s.SegmentId == segmentId);
        var run = StoreHealth.Read(store).LastRun is { } at ? "-run-" + at.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) : "";
        return $"{segmentation.Id()}-{segmentId}-{Slug(segment?.Name ?? "segment")}-{what}{run}.csv";
    }

    internal static string Slug(string text)
    {
        var slug = new string([.. text.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }
        slug = slug.Trim('-');
        return slug.Length == 0 ? "x" : slug[..Math.Min(slug.Length, 40)];
    }

    private static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var cleaned = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return cleaned.Length == 0 ? "upload.csv" : cleaned.Length <= 100 ? cleaned : cleaned[..60] + cleaned[^40..];
    }

    private static string SafeText(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static IResult Asset(string name)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + name);
        if (stream is null)
        {
            return Problems.NotFound("No such asset.");
        }
        var type = name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : name.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "application/octet-stream";
        return Results.Stream(stream, type);
    }
}
