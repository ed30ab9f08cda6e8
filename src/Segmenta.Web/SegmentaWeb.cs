using Microsoft.AspNetCore.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Segmenta.Web.Api;
using Segmenta.Web.Dashboard;
using Segmenta.Web.Jobs;
using Segmenta.Web.Security;

namespace Segmenta.Web;

/// <summary>
/// Builds the web app: dashboard pages and JSON API (with OpenAPI) over one Segmenta database. Loopback only by
/// default; any other address needs an access token. Host names are checked (DNS rebinding), bodies are limited per
/// endpoint, and every error is problem details.
/// </summary>
public static class SegmentaWeb
{
    /// <summary>Builds the app; <paramref name="args"/> may carry ASP.NET Core settings such as --urls.</summary>
    /// <exception cref="SegmentaException">The app would listen beyond loopback without an access token.</exception>
    public static WebApplication Build(WebOptions options, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var urls = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"];
        if (urls is null)
        {
            builder.WebHost.UseUrls(options.Urls);
        }
        var token = options.AccessToken ?? builder.Configuration["token"] ?? Environment.GetEnvironmentVariable(WebOptions.TokenVariable);
        token = string.IsNullOrWhiteSpace(token) ? null : token.Trim();
        var listen = urls ?? options.Urls;
        NetworkExposure.Check(listen, token);
        var hosts = options.AllowedHosts ?? builder.Configuration["allowed-hosts"]?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? (token is not null && NetworkExposure.Exposed(listen).Count > 0 ? ["*"] : NetworkExposure.LoopbackHosts);

        // Quiet by default: a line per request is noise; warnings, errors and job outcomes remain.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxRequestBytes, WebOptions.ScoreBodyBytes));
        var uploadLimit = options.MaxRequestBytes;
        builder.Services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = uploadLimit);
        builder.Services.Configure<RouteHandlerOptions>(r => r.ThrowOnBadRequest = true);
        // Resolved on first use, so that settings added by hosts and tests (the "db" key) are seen.
        builder.Services.AddSingleton(services =>
        {
            var database = options.DatabasePath ?? services.GetRequiredService<IConfiguration>()["db"] ?? Path.Combine("out", "segmenta.duckdb");
            // A job the previous server left half-done (it was killed) is undone before the first snapshot is taken.
            if (File.Exists(database))
            {
                JobLog.Recover(Path.GetFullPath(database));
            }
            // read-cache=false serves every read from the database (only to measure what keeping reads saves).
            return new StoreAccess(database, !string.Equals(services.GetRequiredService<IConfiguration>()["read-cache"], "false", StringComparison.OrdinalIgnoreCase));
        });
        builder.Services.AddSingleton<LookupCache>();
        builder.Services.AddSingleton<JobQueue>();
        // Sign-in attempts per client address (ASP.NET Core's rate limiter): guessing the token by trying is slowed to a crawl.
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(LoginEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = WebOptions.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "60";
                await Problems.Problem(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts", "token",
                    $"More than {WebOptions.SignInAttemptsPerMinute} sign-in attempts in a minute from this address; wait a minute and try again.").ExecuteAsync(rejected.HttpContext);
            };
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddAntiforgery();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        // Settings given by hosts and tests are seen only once the app is built.
        if (app.Configuration["max-upload-mb"] is { } megabytes && int.TryParse(megabytes, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb > 0)
        {
            options = options with { MaxRequestBytes = mb * 1024L * 1024 };
            uploadLimit = options.MaxRequestBytes;
        }
        // First, so that every later step (cookie, rate limiter, logs) sees the original scheme and client of a trusted proxy's request.
        var proxies = options.TrustedProxies ?? app.Configuration["trusted-proxies"]?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? TrustedProxies.Loopback;
        // No trusted proxy: no forwarded headers at all (ASP.NET Core would believe anyone when both of its lists are empty).
        if (proxies.Count > 0)
        {
            app.UseForwardedHeaders(TrustedProxies.Options(proxies));
        }
        // Errors become problem details naming the field, without stack traces; user errors (SegmentaException) keep their message.
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var result = Problems.For(context.Features.Get<IExceptionHandlerFeature>()?.Error);
            await result.ExecuteAsync(context);
        }));
        // Empty error responses (unknown route, wrong method, refused host) get a problem body too.
        app.UseStatusCodePages(context => Problems.ForEmpty(context.HttpContext.Response.StatusCode).ExecuteAsync(context.HttpContext));
        app.Use(new HostCheck(hosts).Invoke);
        app.Use(async (context, next) =>
        {
            // Pages load scripts and styles only from this server; plotly.js needs inline styles, nothing else is inline.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src blob:; frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next();
        });
        if (token is not null)
        {
            app.Use(new AccessGate(token).Invoke);
            LoginEndpoints.Map(app, new AccessGate(token));
        }
        app.UseRouting();
        app.UseRateLimiter();
        app.Use(BodyLimit.Enforce);
        app.UseAntiforgery();
        app.MapOpenApi();
        ApiEndpoints.Map(app);
        DashboardEndpoints.Map(app, options);
        return app;
    }
}
