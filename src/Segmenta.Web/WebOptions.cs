namespace Segmenta.Web;

/// <summary>Settings of the web app.</summary>
public sealed record WebOptions
{
    /// <summary>Environment variable read for the access token when <see cref="AccessToken"/> is not given.</summary>
    public const string TokenVariable = "SEGMENTA_TOKEN";

    /// <summary>Largest body of POST /api/score, in bytes (a customer's features fit in a few hundred).</summary>
    public const long ScoreBodyBytes = 64 * 1024;

    /// <summary>Largest body of the re-run form, in bytes.</summary>
    public const long FormBodyBytes = 64 * 1024;

    /// <summary>Sign-in attempts (POST /login) accepted per client address and minute; more get 429 Too Many Requests.</summary>
    public const int SignInAttemptsPerMinute = 10;

    /// <summary>The Segmenta database to serve; null = the "db" setting (--db), else out/segmenta.duckdb.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Where to listen; loopback only unless the user says otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Largest upload accepted, in bytes (other requests have smaller limits of their own).</summary>
    public long MaxRequestBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>
    /// Access token: API calls send it as <c>Authorization: Bearer TOKEN</c>, browsers sign in with it once (a cookie).
    /// Null = the <see cref="TokenVariable"/> environment variable (or the "token" setting). Required to listen on
    /// anything but loopback; when set, it is required on loopback too.
    /// </summary>
    public string? AccessToken { get; init; }

    /// <summary>
    /// Host names accepted in the Host header (DNS-rebinding protection). Null = the "allowed-hosts" setting
    /// (separated by ';' or ','), else loopback names (localhost, 127.0.0.1, [::1]); with a token on a non-loopback
    /// address, any host (the token is then the protection).
    /// </summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>
    /// Proxies whose X-Forwarded-Proto and X-Forwarded-For headers are believed (addresses, or networks like
    /// 10.0.0.0/8): behind a proxy that terminates TLS, the sign-in cookie is then Secure. Null = the "trusted-proxies"
    /// setting (separated by ';' or ','), else loopback only. An empty list trusts no proxy.
    /// </summary>
    public IReadOnlyList<string>? TrustedProxies { get; init; }
}
