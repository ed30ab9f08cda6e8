namespace Segmenta.Tests.Postgres;

/// <summary>Two output folders compared file by file, byte for byte (report.html with its chart ids renumbered); databases aside.</summary>
internal static class OutputFolders
{
    internal static void AssertSame(string expectedFolder, string actualFolder)
    {
        string[] Files(string folder) => [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f)).Where(f => !f.EndsWith(".duckdb", StringComparison.Ordinal) && !f.EndsWith(".wal", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
        var files = Files(expectedFolder);
        Assert.NotEmpty(files);
        Assert.Equal(files, Files(actualFolder));
        var differing = files.Where(f => Content(Path.Combine(expectedFolder, f)) != Content(Path.Combine(actualFolder, f))).ToList();
        Assert.True(differing.Count == 0, $"{actualFolder} differs from {expectedFolder} in: {string.Join(", ", differing)}");
    }

    private static string Content(string path) => Path.GetFileName(path) == "report.html"
        ? PostgresEngineTests.Renumbered(File.ReadAllText(path))
        : Convert.ToBase64String(File.ReadAllBytes(path));
}
