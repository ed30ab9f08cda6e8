namespace Segmenta.Tests.Support;

/// <summary>Where the repository and the shared real data are, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The UCI Online Retail file: the repository's copy, or ../shared/data when present.</summary>
    public static string OnlineRetail
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", "online-retail.csv.gz"));
            return File.Exists(shared) ? shared : Path.Combine(Root, "data", "online-retail.csv.gz");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Segmenta.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Segmenta.slnx not found above the test folder.");
    }
}
