using Microsoft.Extensions.Primitives;
using Segmenta.Web.Api;

namespace Segmenta.Web.Security;

/// <summary>
/// Refuses requests whose Host header is not one of the allowed names (loopback names by default), so that a web
/// page on another site cannot read this server through DNS rebinding. Ports are not compared; "*" allows any host.
/// </summary>
internal sealed class HostCheck(IReadOnlyList<string> allowed)
{
    private readonly StringSegment[] _patterns = [.. allowed.Select(a => new StringSegment(a))];
    private readonly bool _any = allowed.Contains("*");

    internal async Task Invoke(HttpContext context, RequestDelegate next)
    {
        var host = context.Request.Host;
        if (_any || (host.HasValue && HostString.MatchesAny(new StringSegment(host.Host), _patterns)))
        {
            await next(context);
            return;
        }
        await Problems.Problem(StatusCodes.Status400BadRequest, "Host not allowed", "Host",
            "This server answers only to its allowed host names (loopback by default; see --allowed-hosts).").ExecuteAsync(context);
    }
}
