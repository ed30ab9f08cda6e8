using System.Net;

namespace Segmenta.Web.Security;

/// <summary>Decides whether the listen addresses leave this machine, and so whether an access token is required.</summary>
internal static class NetworkExposure
{
    internal static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The addresses among <paramref name="urls"/> (separated by ';') that other machines can reach.</summary>
    internal static IReadOnlyList<string> Exposed(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(u => !IsLoopback(u))];

    internal static bool IsLoopback(string url)
    {
        // Kestrel's wildcards (http://*:80, http://+:80) and names other than localhost bind every interface.
        var host = HostOf(url);
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Refuses to serve the network without a token: every address that is not loopback needs one.</summary>
    internal static void Check(string urls, string? token)
    {
        var exposed = Exposed(urls);
        if (exposed.Count > 0 && string.IsNullOrEmpty(token))
        {
            throw new SegmentaException(
                $"{string.Join(", ", exposed)} can be reached from other machines, and the dashboard shows customer data: give an access token "
                + $"(--token TOKEN or the {WebOptions.TokenVariable} environment variable), or listen on 127.0.0.1 only.");
        }
    }

    private static string HostOf(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        rest = rest.Split('/')[0];
        if (rest.StartsWith('['))
        {
            return rest[..(rest.IndexOf(']', StringComparison.Ordinal) + 1)];
        }
        var colon = rest.LastIndexOf(':');
        return colon < 0 ? rest : rest[..colon];
    }
}
