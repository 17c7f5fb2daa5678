using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>Calls of the admin API the tests share: start a job, wait for it, read builds and the serving index.</summary>
internal static class AdminApiClient
{
    /// <summary>Posts <paramref name="body"/> to <paramref name="path"/>, expects 202, returns the job id.</summary>
    public static async Task<int> StartAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("jobId").GetInt32();
    }

    /// <summary>Polls the job until it is no longer running, and returns its last state.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, int jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement job;
        do
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/api/admin/jobs/{jobId}");
            if (job.GetProperty("status").GetString() != "running")
            {
                return job;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Job {jobId} still running after {timeout}: {job}");
    }

    /// <summary>Polls the job until <paramref name="until"/> holds for it, and returns that state.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, int jobId, Func<JsonElement, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement job;
        do
        {
            job = await client.GetFromJsonAsync<JsonElement>($"/api/admin/jobs/{jobId}");
            if (until(job))
            {
                return job;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Job {jobId} did not get there within {timeout}: {job}");
    }

    public static async Task<JsonElement> BuildsAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/admin/builds");

    public static JsonElement Build(JsonElement builds, int id) =>
        builds.GetProperty("builds").EnumerateArray().Single(b => b.GetProperty("id").GetInt32() == id);

    /// <summary>The build <c>/api/status</c> says serves.</summary>
    public static async Task<int> ServingBuildAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/status")).GetProperty("index").GetProperty("buildId").GetInt32();
}
