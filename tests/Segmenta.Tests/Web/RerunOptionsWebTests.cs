using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Segmenta.Pipeline;
using Segmenta.Profiling;
using Segmenta.Recommending;
using Segmenta.Segmentation;
using Segmenta.Tests.Support;
using Segmenta.Web.Jobs;
using Segmenta.Web;

namespace Segmenta.Tests.Web;

/// <summary>
/// Issue 15, the dashboard host: a run with a custom playbook, --top 5 and --seed 3, then a re-run from the segments
/// form and the background refresh of the recommendations: the actions, the list length and the seed survive.
/// </summary>
public sealed partial class RerunOptionsWebTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _db;
    private readonly WebApplicationFactory<Program> _factory;

    public RerunOptionsWebTests()
    {
        var input = _directory.Write("shop.csv", SyntheticShop.Csv());
        var options = new AnalysisOptions
        {
            Inputs = [input],
            OutputDirectory = _directory.File("out"),
            Profiling = new ProfilingOptions { Playbook = Playbook.Parse(SyntheticShop.CustomPlaybook, "test") },
            Recommendation = new RecommendationOptions { Top = 5 },
        };
        AnalysisPipeline.Run(options.With(options.Stages.WithSeed(3)));
        _db = options.ResolvedDatabasePath;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSetting("db", _db).ConfigureLogging(logging => logging.ClearProviders()));
    }

    [Fact]
    public async Task A_dashboard_rerun_keeps_the_playbook_the_list_length_and_the_seed()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TokenInput().Match(await client.GetStringAsync("/segments"));
        var fields = new List<KeyValuePair<string, string>>
        {
            new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), new("algorithm", "kmeans"), new("k", "4"), new("scaling", "standard"),
            new("features", "recency"), new("features", "frequency"), new("features", "monetary"),
        };

        var response = await client.PostAsync("/segments/run", new FormUrlEncodedContent(fields));
        // The re-run is a background job; when it is published it queues the recommendation refresh, another job.
        var jobs = _factory.Services.GetRequiredService<JobQueue>();
        var location = response.Headers.Location!.ToString();
        var rerun = location["/segments?job=".Length..];
        for (var i = 0; i < 3000 && !(jobs.Find(rerun)?.State is JobState.Succeeded or JobState.Failed
            && jobs.Latest(50).Any(j => j.Kind == "recommendations" && j.State == JobState.Succeeded)); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("4 segments", jobs.Find(rerun)!.Message);
        Assert.Contains(jobs.Latest(50), j => j.Kind == "recommendations" && j.State == JobState.Succeeded);
        var access = _factory.Services.GetRequiredService<StoreAccess>();
        var (options, actions, lengths) = access.Read(s => (
            RunLog.LastOptions(s)!,
            SegmentCatalog.Segments(s, SegmentationKind.KMeans).Select(x => x.Action).Distinct().ToList(),
            StoredRecommendations.All(s).Values.Select(l => l.Count).Distinct().ToList()));
        Assert.Equal(["Send the custom letter"], actions);
        Assert.Equal([5], lengths);
        Assert.Equal((4, 3, 3, 3), (options.Segmentation!.K!.Value, options.Segmentation.Seed, options.Recommendation!.Seed, options.Lifetime!.Seed));
        Assert.Equal(5, options.Recommendation.Top);
    }

    [Fact]
    public async Task A_bad_k_names_the_form_field_not_a_command_line_flag()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = TokenInput().Match(await client.GetStringAsync("/segments"));
        var fields = new List<KeyValuePair<string, string>>
        {
            new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value)), new("algorithm", "kmeans"), new("k", "1"), new("scaling", "standard"),
        };

        var response = await client.PostAsync("/segments/run", new FormUrlEncodedContent(fields));

        var location = response.Headers.Location!.ToString();
        var job = _factory.Services.GetRequiredService<JobQueue>().Find(location["/segments?job=".Length..])!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Contains("Segments (k): must be 2 or more", job.Message);
        Assert.DoesNotContain("--k", job.Message);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _directory.Dispose();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenInput();
}
