using System.Text.RegularExpressions;

namespace Segmenta.Web.Dashboard;

/// <summary>
/// An uploaded file waiting for its column mapping, in a private temporary folder the server chose
/// (segmenta-upload-ID); the import job deletes the folder, and folders left waiting are removed after a day.
/// </summary>
internal sealed partial record PendingUpload(string Id, string Path)
{
    private const string Prefix = "segmenta-upload-";

    internal string Name => System.IO.Path.GetFileName(Path);

    /// <summary>A new folder for an upload named <paramref name="safeName"/>.</summary>
    internal static PendingUpload Create(string safeName)
    {
        RemoveAbandoned();
        var id = Guid.NewGuid().ToString("N");
        var folder = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + id)).FullName;
        return new PendingUpload(id, System.IO.Path.Combine(folder, safeName));
    }

    /// <summary>The waiting upload with this id, or null (unknown, already imported, or not an id at all).</summary>
    internal static PendingUpload? Find(string? id)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            return null;
        }
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + id);
        return Directory.Exists(folder) && Directory.GetFiles(folder) is [var file] ? new PendingUpload(id, file) : null;
    }

    internal void Delete()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (IOException)
        {
            // Removed with the abandoned ones later.
        }
    }

    private static void RemoveAbandoned()
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            try
            {
                if (Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow.AddDays(-1))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's or a busy folder: not ours to insist on.
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();
}
