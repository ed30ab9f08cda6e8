using System.Security.Cryptography;
using System.Text;

namespace Segmenta.Web.Security;

/// <summary>
/// The access token check, when a token is set: the API takes <c>Authorization: Bearer TOKEN</c>; pages take a
/// cookie set by the sign-in form (/login), holding a keyed hash of the token, never the token itself.
/// Styles and the sign-in page itself are open.
/// </summary>
internal sealed class AccessGate(string token)
{
    internal const string CookieName = "segmenta-session";
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);
    private readonly string _session = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), "segmenta-session-v1"u8));

    internal string SessionValue => _session;

    internal bool Accepts(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), _token);

    internal async Task Invoke(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/login") || path.StartsWithSegments("/assets/dashboard.css"))
        {
            await next(context);
            return;
        }
        var header = context.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        var cookie = context.Request.Cookies[CookieName];
        var signedIn = cookie is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(_session));
        if (Accepts(bearer) || signedIn)
        {
            await next(context);
            return;
        }
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi"))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(title: "Unauthorized", statusCode: StatusCodes.Status401Unauthorized,
                detail: "This server needs its access token: send Authorization: Bearer TOKEN.").ExecuteAsync(context);
            return;
        }
        context.Response.Redirect("/login?to=" + Uri.EscapeDataString(path + context.Request.QueryString));
    }
}
