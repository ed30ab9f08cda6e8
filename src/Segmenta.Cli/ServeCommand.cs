using System.CommandLine;
#if !SEGMENTA_NATIVE
using Segmenta.Store;
using Segmenta.Web;
using Spectre.Console;
#endif

namespace Segmenta.Cli;

/// <summary><c>segmenta serve --db FILE [--port N]</c>: the dashboard and JSON API on this machine.</summary>
/// <remarks>
/// The native build (<c>./segmenta</c> on Linux x64/ARM64, docs/decisions.md 96) leaves the web app out: ASP.NET Core's
/// dashboard and API are not ready for native compilation here, and the script runs <c>serve</c> from the ReadyToRun
/// build instead. That binary keeps the command and its options, and says so when it is run.
/// </remarks>
internal static class ServeCommand
{
    /// <summary>The environment variable holding the access token (the web app's <c>WebOptions.TokenVariable</c>; the native build does not reference the web app).</summary>
    internal const string TokenVariable = "SEGMENTA_TOKEN";

    internal static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Database file of an earlier analyze run.", DefaultValueFactory = _ => Path.Combine("out", "segmenta.duckdb") };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 5080 };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses instead of 127.0.0.1:PORT (e.g. http://0.0.0.0:5080 to serve the network; needs --token)." };
        var token = new Option<string?>("--token") { Description = $"Access token (or the {TokenVariable} environment variable): required to listen beyond loopback. API calls send Authorization: Bearer TOKEN; browsers sign in once." };
        var allowedHosts = new Option<string?>("--allowed-hosts") { Description = "Host names the server answers to, separated by ';' (default: localhost, 127.0.0.1, [::1]; with a token on a network address, any)." };
        var trustedProxies = new Option<string?>("--trusted-proxies") { Description = "Proxies (addresses or networks like 10.0.0.0/8, separated by ';') whose X-Forwarded-Proto/For are believed, e.g. a TLS-terminating proxy: the sign-in cookie is then Secure. Default: loopback." };
        var maxUpload = new Option<int>("--max-upload-mb") { Description = "Largest file the Data page accepts, in MB.", DefaultValueFactory = _ => 200 };
        var command = new Command("serve", "Serve the dashboard and JSON API (OpenAPI at /openapi/v1.json) for a database, on loopback by default.") { db, port, urls, token, allowedHosts, trustedProxies, maxUpload };
#if SEGMENTA_NATIVE
        command.SetAction(_ => CommandRunner.Run(() => throw new SegmentaException(
            "This native build of segmenta has no web server. Run the dashboard with ./segmenta serve (the script runs it from the ReadyToRun build) or dotnet run --project src/Segmenta.Web.")));
#else
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(db)!;
            SegmentaStore.RequireExisting(path);
            var listen = parse.GetValue(urls) ?? $"http://127.0.0.1:{parse.GetValue(port)}";
            var app = SegmentaWeb.Build(new WebOptions
            {
                DatabasePath = path, Urls = listen, AccessToken = parse.GetValue(token),
                AllowedHosts = parse.GetValue(allowedHosts)?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                MaxRequestBytes = Math.Max(1, parse.GetValue(maxUpload)) * 1024L * 1024,
                TrustedProxies = parse.GetValue(trustedProxies)?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            }, ["--urls", listen]);
            Terminal.Out.MarkupLine($"Serving {Markup.Escape(path)} at {Markup.Escape(listen)} (Ctrl+C to stop).");
            app.Run();
            return 0;
        }));
#endif
        return command;
    }
}
