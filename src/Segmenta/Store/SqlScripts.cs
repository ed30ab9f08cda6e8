using System.Collections.Concurrent;
using System.Reflection;

namespace Segmenta.Store;

/// <summary>The .sql files embedded next to the code that runs them, read once by their path ("Cleaning/clean_lines.sql").</summary>
internal static class SqlScripts
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    internal static string Get(string path) => Cache.GetOrAdd(path, static p =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(p)
            ?? throw new InvalidOperationException($"SQL script {p} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>True when <paramref name="path"/> is embedded (an engine's variant of a script may not exist).</summary>
    internal static bool Exists(string path) => Cache.ContainsKey(path) || Assembly.GetExecutingAssembly().GetManifestResourceInfo(path) is not null;
}
