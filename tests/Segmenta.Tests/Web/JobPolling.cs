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
}
