using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Segmenta.Web.Security;

/// <summary>
/// Behind a proxy that terminates TLS, the request arrives as http from the proxy. X-Forwarded-Proto and
/// X-Forwarded-For are then taken as the original scheme and client, but only from the proxies trusted here
/// (loopback by default: a proxy on the same machine), so a client cannot claim https or another address itself.
/// The original scheme makes the session cookie Secure; the client address is the sign-in rate limiter's key.
/// X-Forwarded-Host is never used: the Host check reads the Host header the proxy sends.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>Loopback, IPv4 and IPv6.</summary>
    internal static readonly IReadOnlyList<string> Loopback = ["127.0.0.0/8", "::1/128"];

    /// <summary>The forwarded-headers options for <paramref name="proxies"/> (addresses or networks such as 10.0.0.0/8).</summary>
    /// <exception cref="SegmentaException">An entry is neither an address nor a network.</exception>
    internal static ForwardedHeadersOptions Options(IReadOnlyList<string> proxies)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else if (System.Net.IPNetwork.TryParse(proxy, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else
            {
                throw new SegmentaException($"--trusted-proxies: '{proxy}' is neither an IP address nor a network (like 10.0.0.0/8). Give the addresses of the proxies in front of this server, separated by ';'.");
            }
        }
        return options;
    }
}
