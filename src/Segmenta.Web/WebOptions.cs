namespace Segmenta.Web;

/// <summary>Settings of the web app.</summary>
public sealed record WebOptions
{
    /// <summary>The Segmenta database to serve; null = the "db" setting (--db), else out/segmenta.duckdb.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Where to listen; loopback only unless the user says otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Largest request body accepted (uploads included), in bytes.</summary>
    public long MaxRequestBytes { get; init; } = 200L * 1024 * 1024;
}
