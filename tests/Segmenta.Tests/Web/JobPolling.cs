using System.Net.Http.Json;
using System.Text.Json;

namespace Segmenta.Tests.Web;

/// <summary>Follows a dashboard job through <c>GET /api/jobs/{id}</c> until it ends or the deadline passes.</summary>
internal static class JobPolling
{
    internal static async Task<JsonElement> WaitForJob(this HttpClient client, string id, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}");
            if (job.GetProperty("state").GetString() is "Succeeded" or "Failed" || DateTime.UtcNow > until)
            {
                return job;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it gives a value or <paramref name="deadline"/> passes.</summary>
    internal static async Task<T> Until<T>(Func<T?> probe, TimeSpan deadline)
        where T : class
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (probe() is { } value)
            {
                return value;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The job did not reach the expected state in time.");
    }
}
