using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Segmenta.Web.Api;
using Segmenta.Web.Dashboard;

namespace Segmenta.Web;

/// <summary>Builds the web app: dashboard pages and JSON API (with OpenAPI) over one Segmenta database, bound to loopback by default.</summary>
public static class SegmentaWeb
{
    /// <summary>Builds the app; <paramref name="args"/> may carry ASP.NET Core settings such as --urls.</summary>
    public static WebApplication Build(WebOptions options, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls(options.Urls);
        }
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxRequestBytes);
        // Resolved on first use, so that settings added by hosts and tests (the "db" key) are seen.
        builder.Services.AddSingleton(services => new StoreAccess(
            options.DatabasePath ?? services.GetRequiredService<IConfiguration>()["db"] ?? Path.Combine("out", "segmenta.duckdb")));
        builder.Services.AddSingleton<LookupCache>();
        builder.Services.AddSingleton<RecommendationRefresher>();
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);

        var app = builder.Build();
        // Errors become problem details without stack traces; user errors (SegmentaException) keep their message.
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var (status, detail) = exception switch
            {
                SegmentaException user => (400, user.Message),
                Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => (400, "The form expired or did not come from this site: reload the page and try again."),
                BadHttpRequestException bad => (bad.StatusCode, bad.Message),
                _ => (500, "An unexpected error occurred; see the server log."),
            };
            context.Response.StatusCode = status;
            await Results.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
        }));
        app.Use(async (context, next) =>
        {
            // Pages load scripts and styles only from this server; plotly.js needs inline styles, nothing else is inline.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src blob:; frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next();
        });
        app.UseAntiforgery();
        app.MapOpenApi();
        ApiEndpoints.Map(app);
        DashboardEndpoints.Map(app, options);
        return app;
    }
}
