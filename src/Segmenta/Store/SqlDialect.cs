namespace Segmenta.Store;

/// <summary>
/// The one place that picks the SQL of a result for an engine: the shared file (<c>Features/rfm_scores.sql</c>) unless
/// the engine has its own variant next to it (<c>Features/rfm_scores.postgres.sql</c>), written only where the dialects
/// differ (integer division, <c>getvariable</c>, <c>POSITIONAL JOIN</c>, <c>GROUP BY ALL</c>, <c>first(... ORDER BY)</c>,
/// <c>CREATE OR REPLACE TABLE</c>).
/// </summary>
internal sealed class SqlDialect
{
    private SqlDialect(Engine engine, string? suffix)
    {
        Engine = engine;
        Suffix = suffix;
    }

    internal static SqlDialect DuckDb { get; } = new(Engine.DuckDb, null);

    internal static SqlDialect Postgres { get; } = new(Engine.Postgres, "postgres");

    internal static SqlDialect For(Engine engine) => engine == Engine.Postgres ? Postgres : DuckDb;

    internal Engine Engine { get; }

    private string? Suffix { get; }

    /// <summary>The SQL of <paramref name="path"/> ("Cleaning/line_rules.sql") for this engine.</summary>
    internal string Script(string path) => SqlScripts.Get(VariantPath(path));

    /// <summary>The embedded file that holds <paramref name="path"/> for this engine: its variant when there is one.</summary>
    internal string VariantPath(string path)
    {
        if (Suffix is null)
        {
            return path;
        }
        var variant = path[..^".sql".Length] + "." + Suffix + ".sql";
        return SqlScripts.Exists(variant) ? variant : path;
    }
}
