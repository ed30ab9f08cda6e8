using System.CommandLine;
using Segmenta.Web;
using Spectre.Console;

namespace Segmenta.Cli;

/// <summary><c>segmenta serve --db FILE [--port N]</c>: the dashboard and JSON API on this machine.</summary>
internal static class ServeCommand
{
    internal static Command Create()
    {
        var db = new Option<string>("--db") { Description = "Database file of an earlier analyze run.", DefaultValueFactory = _ => Path.Combine("out", "segmenta.duckdb") };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1.", DefaultValueFactory = _ => 5080 };
        var urls = new Option<string?>("--urls") { Description = "Listen addresses instead of 127.0.0.1:PORT (e.g. http://0.0.0.0:5080 to serve the network; think before you do)." };
        var command = new Command("serve", "Serve the dashboard and JSON API (OpenAPI at /openapi/v1.json) for a database, on loopback by default.") { db, port, urls };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                throw new SegmentaException($"No database at {path}. Run segmenta analyze FILE --out DIR first, or give --db.");
            }
            var listen = parse.GetValue(urls) ?? $"http://127.0.0.1:{parse.GetValue(port)}";
            var app = SegmentaWeb.Build(new WebOptions { DatabasePath = path, Urls = listen }, ["--urls", listen]);
            Terminal.Out.MarkupLine($"Serving {Markup.Escape(path)} at {Markup.Escape(listen)} (Ctrl+C to stop).");
            app.Run();
            return 0;
        }));
        return command;
    }
}
