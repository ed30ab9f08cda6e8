using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Segmenta.Store;
using Segmenta.Tests.Support;
using Segmenta.Web;

namespace Segmenta.Tests.Web;

/// <summary>Safe on a network (issue 18): host names checked, a token needed beyond loopback, no echoed text.</summary>
public sealed class SecurityTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _db;

    public SecurityTests()
    {
        _db = _directory.File("segmenta.duckdb");
        SegmentaStore.Open(_db).Dispose();
    }

    [Fact]
    public async Task A_foreign_host_name_is_refused_so_DNS_rebinding_cannot_read_the_data()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", _db).ConfigureLogging(l => l.ClearProviders()));
        using var client = factory.CreateClient();
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        foreign.Headers.Host = "evil.example";

        var refused = await client.SendAsync(foreign);
        var accepted = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Host", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5099")]
    [InlineData("http://*:5099")]
    [InlineData("http://+:5099")]
    [InlineData("http://192.168.1.20:5099")]
    [InlineData("http://127.0.0.1:5099;http://[::]:5099")]
    public void A_non_loopback_address_without_a_token_is_refused(string urls)
    {
        var error = Assert.Throws<SegmentaException>(() => SegmentaWeb.Build(new WebOptions { DatabasePath = _db, Urls = urls, AccessToken = "" }, []));

        Assert.Contains("--token", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5099")]
    [InlineData("http://localhost:5099")]
    [InlineData("http://[::1]:5099")]
    public void Loopback_needs_no_token(string urls) =>
        Assert.True(Segmenta.Web.Security.NetworkExposure.Exposed(urls).Count == 0);

    [Fact]
    public async Task With_a_token_the_API_needs_the_bearer_header_and_pages_need_a_sign_in()
    {
        await using var app = SegmentaWeb.Build(new WebOptions { DatabasePath = _db, Urls = "http://127.0.0.1:0", AccessToken = "s3cret-token" }, []);
        await app.StartAsync();
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()) };

        var anonymous = await client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);

        var page = await client.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString);

        var form = await client.GetStringAsync("/login?to=%2Fdata");
        var token = System.Text.RegularExpressions.Regex.Match(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");
        var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [token.Groups[1].Value] = WebUtility.HtmlDecode(token.Groups[2].Value), ["token"] = "s3cret-token", ["to"] = "/data",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/data", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/data")).StatusCode);
        Assert.DoesNotContain("s3cret-token", cookies.GetCookieHeader(new Uri(app.Urls.Single())));
        await app.StopAsync();
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429_with_a_retry_time()
    {
        await using var app = SegmentaWeb.Build(new WebOptions { DatabasePath = _db, Urls = "http://127.0.0.1:0", AccessToken = "s3cret-token" }, []);
        await app.StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()) };
        var form = await client.GetStringAsync("/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= WebOptions.SignInAttemptsPerMinute; i++)
        {
            using var attempt = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value), ["token"] = $"guess-{i}", ["to"] = "/",
            }));
            statuses.Add(attempt.StatusCode);
            if (attempt.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", attempt.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(60), attempt.Headers.RetryAfter?.Delta);
            }
        }

        Assert.All(statuses.Take(WebOptions.SignInAttemptsPerMinute), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // Reading pages is not limited: only sign-in attempts are.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Signed_in_over_https_the_session_cookie_is_Secure()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = _directory.File("server.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "pw"));
        await using var app = SegmentaWeb.Build(new WebOptions { DatabasePath = _db, AccessToken = "s3cret-token" },
            ["--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={pfx}", "--Kestrel:Certificates:Default:Password=pw"]);
        await app.StartAsync();
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false, CookieContainer = new CookieContainer(), ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()) };
        var form = await client.GetStringAsync("/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");

        using var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value), ["token"] = "s3cret-token", ["to"] = "/",
        }));

        Assert.StartsWith("https://", app.Urls.Single(), StringComparison.Ordinal);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("segmenta-session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        await app.StopAsync();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("10.9.8.7", false)]
    [InlineData("", false)]
    public async Task Behind_a_trusted_TLS_proxy_the_session_cookie_is_Secure_and_other_clients_cannot_claim_https(string? trusted, bool secure)
    {
        // The "proxy" is this test on loopback, sending X-Forwarded-Proto: https over plain http as a TLS-terminating proxy does.
        await using var app = SegmentaWeb.Build(new WebOptions
        {
            DatabasePath = _db, AccessToken = "s3cret-token", TrustedProxies = trusted?.Split(';', StringSplitOptions.RemoveEmptyEntries),
        }, ["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        var form = await client.GetStringAsync("/login");
        var antiforgery = System.Text.RegularExpressions.Regex.Match(form, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">");

        using var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value), ["token"] = "s3cret-token", ["to"] = "/",
        }));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("segmenta-session=", StringComparison.Ordinal));
        Assert.Equal(secure, session.Contains("secure", StringComparison.OrdinalIgnoreCase));
        await app.StopAsync();
    }

    [Fact]
    public async Task Forwarded_headers_do_not_get_a_foreign_host_past_the_host_check()
    {
        await using var app = SegmentaWeb.Build(new WebOptions { DatabasePath = _db }, ["--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        foreign.Headers.Host = "evil.example";
        foreign.Headers.Add("X-Forwarded-Proto", "https");
        foreign.Headers.Add("X-Forwarded-Host", "localhost");
        using var disguised = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        disguised.Headers.Add("X-Forwarded-Host", "evil.example");
        disguised.Headers.Add("X-Forwarded-Proto", "https");

        var refused = await client.SendAsync(foreign);
        var accepted = await client.SendAsync(disguised);

        // The Host header decides (X-Forwarded-Host is never used), with or without forwarded headers.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Host", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void A_trusted_proxy_that_is_not_an_address_is_refused_naming_the_option()
    {
        var error = Assert.Throws<SegmentaException>(() => SegmentaWeb.Build(new WebOptions { DatabasePath = _db, TrustedProxies = ["proxy.example"] }, []));

        Assert.Contains("--trusted-proxies", error.Message);
    }

    [Theory]
    [InlineData("https", true)]
    [InlineData("http", false)]
    public void The_session_cookie_is_Secure_when_the_sign_in_came_over_https(string scheme, bool secure)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Scheme = scheme;

        var cookie = Segmenta.Web.Security.LoginEndpoints.SessionCookie(context.Request);

        Assert.Equal(secure, cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.AspNetCore.Http.SameSiteMode.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task Banners_never_show_text_from_the_address()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", _db).ConfigureLogging(l => l.ClearProviders()));
        using var client = factory.CreateClient();

        var segments = await client.GetStringAsync("/segments?message=Your+account+is+locked&error=Call+555");
        var data = await client.GetStringAsync("/data?message=Your+account+is+locked&error=Call+555&job=Call+555");

        Assert.DoesNotContain("account is locked", segments + data);
        Assert.DoesNotContain("Call 555", segments + data);
    }

    public void Dispose() => _directory.Dispose();
}
