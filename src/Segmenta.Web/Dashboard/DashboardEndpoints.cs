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

        // Pages that depend on the snapshot alone are rendered once per snapshot (StoreAccess.Cached).
        app.MapGet("/", (StoreAccess store) => Html(store.Cached("page:/", OverviewPage.Render))).ExcludeFromDescription();
        app.MapGet("/cohorts", (StoreAccess store) => Html(store.Cached("page:/cohorts", CohortsPage.Render))).ExcludeFromDescription();
        app.MapGet("/clv", (StoreAccess store) => Html(store.Cached("page:/clv", ClvPage.Render))).ExcludeFromDescription();
        app.MapGet("/categories", (StoreAccess store) => Html(store.Cached("page:/categories", CategoriesPage.Render))).ExcludeFromDescription();
        app.MapGet("/recommendations", (StoreAccess store) => Html(store.Cached("page:/recommendations", RecommendationsPage.Render))).ExcludeFromDescription();
        app.MapGet("/products", (string? product, StoreAccess store) => Html(store.Read(s => ProductsPage.Render(s, product)))).ExcludeFromDescription();
        app.MapGet("/customers", (string? id, StoreAccess store) => Html(store.Read(s => CustomerPage.Render(s, id)))).ExcludeFromDescription();
        app.MapGet("/segments", (string? job, HttpContext context, IAntiforgery antiforgery, StoreAccess store, JobQueue jobs) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var status = job is null ? null : jobs.Find(job);
            return Html(store.Read(s => SegmentsPage.Render(s, tokens.FormFieldName, tokens.RequestToken!, status)));
        }).ExcludeFromDescription();
        app.MapGet("/data", (string? q, string? job, string? error, string? upload, HttpContext context, IAntiforgery antiforgery, StoreAccess store, JobQueue jobs) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var status = job is null ? null : jobs.Find(job);
            var pending = PendingUpload.Find(upload);
            FilePreview? preview = null;
            try
            {
                preview = pending is null ? null : FilePreview.Read(pending.Path);
            }
            catch (SegmentaException)
            {
                pending = null;
            }
            var notice = upload is not null && pending is null ? "This upload is no longer waiting (imported already, or removed after a day); upload the file again." : error switch
            {
                "expired" => "This upload is no longer waiting (imported already, or removed after a day); upload the file again.",
                "too-large" => $"The file is larger than this server accepts ({BodyLimit.Describe(options.MaxRequestBytes)}). Split it, compress it (.csv.gz), or import it with segmenta analyze FILE --db {Path.GetFileName(store.DatabasePath)}.",
                "no-file" => "Choose a file to upload.",
                _ => null,
            };
            return Html(store.Read(s => DataPage.Render(s, q, tokens.FormFieldName, tokens.RequestToken!, options.MaxRequestBytes, status, notice,
                pending is not null && preview is not null ? (pending, preview) : null)));
        }).ExcludeFromDescription();

        app.MapGet("/explore", (StoreAccess store) => Html(store.Cached("page:/explore", ExplorerPage.Render))).ExcludeFromDescription();
        app.MapGet("/explore/cell/{r:int}/{f:int}", (int r, int f, HttpRequest request, StoreAccess store) => store.Read(s =>
            SegmentCustomersPage.ForCell(s, r, f) is { } source
                ? Html(SegmentCustomersPage.Render(s, source, request.Query))
                : Problems.NotFound($"No customers in RFM cell R{r} F{f}."))).ExcludeFromDescription();
        app.MapGet("/explore/cell/{r:int}/{f:int}/customers.csv", (int r, int f, HttpRequest request, StoreAccess store) => store.Read(s =>
            SegmentCustomersPage.ForCell(s, r, f) is { } source
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(SegmentCustomersPage.Csv(s, source.Scope, request.Query)), "text/csv", $"rfm-cell-r{r}-f{f}-customers{RunSuffix(s)}.csv")
                : Problems.NotFound($"No customers in RFM cell R{r} F{f}."))).ExcludeFromDescription();
        app.MapGet("/explore/{segmentation}/{id:int}", (string segmentation, int id, HttpRequest request, StoreAccess store) => store.Read(s =>
            SegmentationKinds.TryParse(segmentation, out var kind) && SegmentCustomersPage.ForSegment(s, kind, id) is { } source
                ? Html(SegmentCustomersPage.Render(s, source, request.Query))
                : Problems.NotFound($"No segment {id} in segmentation '{segmentation}'."))).ExcludeFromDescription();
        app.MapGet("/explore/{segmentation}/{id:int}/customers.csv", (string segmentation, int id, HttpRequest request, StoreAccess store) => store.Read(s =>
            SegmentationKinds.TryParse(segmentation, out var kind) && SegmentCustomersPage.ForSegment(s, kind, id) is { } source
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(SegmentCustomersPage.Csv(s, source.Scope, request.Query)), "text/csv", DownloadName(s, kind, id, "customers"))
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
            var name = SafeFileName(file.FileName);
            var upload = PendingUpload.Create(name);
            await using (var target = File.Create(upload.Path))
            {
                await file.CopyToAsync(target);
            }
            var map = ReadMap(form);
            var cleaning = CleaningOptions.ParsePreset(form["cleaning"] is { Count: > 0 } given ? given.ToString() : "default");
            if (map.Count == 0)
            {
                // The preview step: when the usual names miss a needed column (or the user asks), the columns are picked from the file's own header.
                FilePreview preview;
                try
                {
                    preview = FilePreview.Read(upload.Path);
                }
                catch (SegmentaException e)
                {
                    upload.Delete();
                    return BodyLimit.WantsJson(request) ? Problems.BadRequest("file", $"{name}: {e.Message}") : Results.Redirect("/data?job=" + jobs.Failed("upload", $"{name}: {e.Message}").Id);
                }
                if (preview.Missing.Count > 0 || form["preview"].ToString() == "1")
                {
                    var step = "/data?upload=" + upload.Id;
                    return BodyLimit.WantsJson(request)
                        ? Results.Ok(new MappingNeeded(step, upload.Id, [.. preview.Missing.Select(r => r.ToString().ToLowerInvariant())], preview.Columns))
                        : Results.Redirect(step);
                }
            }
            return Started(DashboardRuns.Upload(jobs, upload.Path, name, cleaning, map), "/data", request);
        }).WithBodyLimit(options.MaxRequestBytes).WithMetadata(new TooLargeRedirect("/data?error=too-large")).ExcludeFromDescription();

        app.MapPost("/data/import", (IFormCollection form, HttpRequest request, JobQueue jobs) =>
        {
            if (PendingUpload.Find(form["upload"].ToString()) is not { } upload)
            {
                return BodyLimit.WantsJson(request)
                    ? Problems.NotFound("This upload is no longer waiting (imported already, or removed after a day); upload the file again.")
                    : Results.Redirect("/data?error=expired");
            }
            var cleaning = CleaningOptions.ParsePreset(form["cleaning"] is { Count: > 0 } given ? given.ToString() : "default");
            return Started(DashboardRuns.Upload(jobs, upload.Path, upload.Name, cleaning, ReadMap(form)), "/data", request);
        }).WithBodyLimit(WebOptions.FormBodyBytes).ExcludeFromDescription();
    }

    /// <summary>The roles the form maps to one of the file's columns (by name or position); empty fields are left to detection.</summary>
    private static Dictionary<ColumnRole, string> ReadMap(IFormCollection form) => MappableRoles
        .Select(role => (Role: role, Column: form["map-" + role.ToString().ToLowerInvariant()].ToString().Trim()))
        .Where(m => m.Column.Length > 0)
        .ToDictionary(m => m.Role, m => m.Column);

    /// <summary>Answer to a script's upload whose columns must be picked first: the page of the mapping step, the roles missing and the file's columns.</summary>
    internal sealed record MappingNeeded(string Mapping, string Upload, IReadOnlyList<string> Missing, IReadOnlyList<string> Columns);

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
        return $"{segmentation.Id()}-{segmentId}-{Slug(segment?.Name ?? "segment")}-{what}{RunSuffix(store)}.csv";
    }

    /// <summary>"-run-" and the time of the run whose results are served, or nothing when unknown.</summary>
    internal static string RunSuffix(Store.SegmentaStore store) =>
        StoreHealth.Read(store).LastRun is { } at ? "-run-" + at.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) : "";

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
