using Microsoft.AspNetCore.Antiforgery;
using Segmenta.Web.Dashboard;

namespace Segmenta.Web.Security;

/// <summary>The sign-in form for pages when the server has an access token: the token once, then a session cookie.</summary>
internal static class LoginEndpoints
{
    /// <summary>The rate-limiter policy of POST /login (<see cref="WebOptions.SignInAttemptsPerMinute"/> per client address).</summary>
    internal const string RateLimitPolicy = "sign-in";

    internal static void Map(WebApplication app, AccessGate gate)
    {
        app.MapGet("/login", (string? to, bool? failed, HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var page = new Page("Sign in", "/login");
            if (failed == true)
            {
                page.Raw("<p class=\"error\" id=\"login-error\">That is not this server's access token.</p>\n");
            }
            page.Raw($"""
                <form class="card" method="post" action="/login" id="login-form">
                <input type="hidden" name="{Page.E(tokens.FormFieldName)}" value="{Page.E(tokens.RequestToken)}">
                <input type="hidden" name="to" value="{Page.E(LocalPath(to))}">
                <p class="note">This dashboard is shared on the network and needs its access token (given to segmenta serve with --token or {WebOptions.TokenVariable}).</p>
                <label>Access token<input type="password" name="token" id="login-token" autocomplete="current-password" required></label>
                <p><button type="submit" id="login-button">Sign in</button></p>
                </form>
                """);
            return Results.Content(page.Render(), "text/html; charset=utf-8");
        }).ExcludeFromDescription();

        app.MapPost("/login", (IFormCollection form, HttpContext context) =>
        {
            var to = LocalPath(form["to"].ToString());
            if (!gate.Accepts(form["token"].ToString()))
            {
                return Results.Redirect("/login?failed=true&to=" + Uri.EscapeDataString(to));
            }
            context.Response.Cookies.Append(AccessGate.CookieName, gate.SessionValue, SessionCookie(context.Request));
            return Results.Redirect(to);
        }).WithMetadata(new Api.BodyLimit(WebOptions.FormBodyBytes)).RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
    }

    /// <summary>
    /// The session cookie: never readable by scripts, never sent by other sites, and Secure when the sign-in came over
    /// https (so a browser never sends it back over plain http). Over plain http it cannot be Secure, or it would not
    /// be kept at all.
    /// </summary>
    internal static CookieOptions SessionCookie(HttpRequest request) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = request.IsHttps, Path = "/", IsEssential = true,
    };

    /// <summary>Only a path on this server (no scheme, no //host), so the form cannot send a user elsewhere.</summary>
    private static string LocalPath(string? to) =>
        to is { Length: > 0 } && to[0] == '/' && !to.StartsWith("//", StringComparison.Ordinal) && !to.StartsWith("/\\", StringComparison.Ordinal) ? to : "/";
}
