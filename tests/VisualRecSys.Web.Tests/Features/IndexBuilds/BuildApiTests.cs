using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>Index builds through <c>/api/admin/builds</c> on the real app: build, measure, activate, roll back, delete, refuse, cancel.</summary>
public sealed class BuildApiTests(AdminApp app) : IClassFixture<AdminApp>
{
    private readonly AppFactory _factory = app.Factory;
    private readonly HttpClient _admin = app.Admin;

    [Fact]
    public async Task A_build_started_through_the_api_completes_and_is_activated_and_rolled_back()
    {
        var first = await AdminApiClient.ServingBuildAsync(_admin);

        var jobId = await AdminApiClient.StartAsync(_admin, "/api/admin/builds", new { trees = 12, metric = "angular", searchK = 200 });
        var job = await AdminApiClient.WaitAsync(_admin, jobId, TimeSpan.FromMinutes(1));

        Assert.Equal("completed", job.GetProperty("status").GetString());
        var built = job.GetProperty("buildId").GetInt32();
        Assert.NotEqual(first, built);
        var row = AdminApiClient.Build(await AdminApiClient.BuildsAsync(_admin), built);
        Assert.Equal(("ready", false, 12, 200, AppFactory.ProductCount), (row.GetProperty("status").GetString(), row.GetProperty("isActive").GetBoolean(),
            row.GetProperty("trees").GetInt32(), row.GetProperty("searchK").GetInt32(), row.GetProperty("items").GetInt32()));
        // The app's own forest, named as such (builds were once recorded as "annoy").
        Assert.Equal("forest", row.GetProperty("kind").GetString());
        Assert.InRange(row.GetProperty("recallAt10").GetDouble(), 0.5, 1.0);
        Assert.True(row.GetProperty("fileBytes").GetInt64() > 0);
        Assert.True(row.GetProperty("durationSeconds").GetDouble() > 0);
        // The builds page's HasFile is the page's: the API's rows are as they were.
        Assert.False(row.TryGetProperty("hasFile", out _));
        // Built, not activated: the first build still serves.
        Assert.Equal(first, await AdminApiClient.ServingBuildAsync(_admin));

        var activated = await _admin.PostAsync($"/api/admin/builds/{built}/activate", null);
        Assert.Equal(HttpStatusCode.OK, activated.StatusCode);
        Assert.Equal(built, await AdminApiClient.ServingBuildAsync(_admin));
        Assert.Equal(built, (await AdminApiClient.BuildsAsync(_admin)).GetProperty("activeBuildId").GetInt32());
        var similar = await _admin.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5");
        Assert.Equal(5, similar.GetProperty("results").GetArrayLength());

        var rolledBack = await _admin.PostAsync("/api/admin/builds/rollback", null);
        Assert.Equal(HttpStatusCode.OK, rolledBack.StatusCode);
        Assert.Equal(first, await AdminApiClient.ServingBuildAsync(_admin));
        Assert.Equal(first, (await AdminApiClient.BuildsAsync(_admin)).GetProperty("activeBuildId").GetInt32());

        // Rolling back again returns to the build activated before the current one.
        await _admin.PostAsync("/api/admin/builds/rollback", null);
        Assert.Equal(built, await AdminApiClient.ServingBuildAsync(_admin));
    }

    [Fact]
    public async Task A_build_asked_to_activate_serves_when_done_and_the_old_file_can_then_be_deleted()
    {
        var first = await AdminApiClient.ServingBuildAsync(_admin);

        var job = await AdminApiClient.WaitAsync(_admin, await AdminApiClient.StartAsync(_admin, "/api/admin/builds", new { trees = 5, activate = true }), TimeSpan.FromMinutes(1));

        var built = job.GetProperty("buildId").GetInt32();
        Assert.Equal(built, await AdminApiClient.ServingBuildAsync(_admin));
        var refused = await _admin.DeleteAsync($"/api/admin/builds/{built}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var deleted = await _admin.DeleteAsync($"/api/admin/builds/{first}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var row = AdminApiClient.Build(await AdminApiClient.BuildsAsync(_admin), first);
        Assert.True(row.GetProperty("fileDeleted").GetBoolean());
        Assert.False(File.Exists(Path.Combine(_factory.DataDirectory, "indexes", $"{first}.vrsx")));
        // A build without its file can be neither activated nor rolled back to.
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsync($"/api/admin/builds/{first}/activate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PostAsync("/api/admin/builds/999/activate", null)).StatusCode);
    }

    [Fact]
    public async Task A_second_build_is_refused_while_one_runs_and_a_cancelled_build_is_failed_while_the_active_one_serves()
    {
        var serving = await AdminApiClient.ServingBuildAsync(_admin);
        var jobId = await AdminApiClient.StartAsync(_admin, "/api/admin/builds", new { trees = 2000 });
        var running = await AdminApiClient.WaitForAsync(_admin, jobId, j => j.GetProperty("done").GetInt64() > 0 && j.TryGetProperty("buildId", out var b) && b.ValueKind == JsonValueKind.Number,
            TimeSpan.FromMinutes(1));
        var buildId = running.GetProperty("buildId").GetInt32();

        var second = await _admin.PostAsJsonAsync("/api/admin/builds", new { trees = 5 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains($"Job {jobId}", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("running", AdminApiClient.Build(await AdminApiClient.BuildsAsync(_admin), buildId).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await _admin.PostAsync($"/api/admin/builds/{buildId}/cancel", null)).StatusCode);
        var job = await AdminApiClient.WaitAsync(_admin, jobId, TimeSpan.FromMinutes(1));

        Assert.Equal("cancelled", job.GetProperty("status").GetString());
        var row = AdminApiClient.Build(await AdminApiClient.BuildsAsync(_admin), buildId);
        Assert.Equal(("failed", "Cancelled."), (row.GetProperty("status").GetString(), row.GetProperty("error").GetString()));
        Assert.Equal(serving, await AdminApiClient.ServingBuildAsync(_admin));
        Assert.Equal(HttpStatusCode.Conflict, (await _admin.PostAsync($"/api/admin/builds/{buildId}/activate", null)).StatusCode);
    }

    [Fact]
    public async Task A_head_trained_through_the_api_serves_once_its_build_is_activated_and_rollback_returns_to_the_backbone()
    {
        var backboneBuild = await AdminApiClient.ServingBuildAsync(_admin);
        var backbone = (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/status")).GetProperty("servedModel").GetString()!;

        var trained = await AdminApiClient.WaitAsync(_admin, await AdminApiClient.StartAsync(_admin, "/api/admin/heads", new { epochs = 3 }), TimeSpan.FromMinutes(3));
        Assert.Equal("completed", trained.GetProperty("status").GetString());
        var head = (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/status")).GetProperty("heads")[0].GetString()!;
        Assert.StartsWith(backbone + ".head-", head, StringComparison.Ordinal);

        var built = await AdminApiClient.WaitAsync(_admin, await AdminApiClient.StartAsync(_admin, "/api/admin/builds", new { model = head, trees = 5 }), TimeSpan.FromMinutes(1));
        var headBuild = built.GetProperty("buildId").GetInt32();
        // Building is not serving: the backbone still serves until the build is activated.
        Assert.Equal(backbone, (await _admin.GetFromJsonAsync<JsonElement>("/api/admin/status")).GetProperty("servedModel").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync($"/api/admin/builds/{headBuild}/activate", null)).StatusCode);
        var status = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/status");
        Assert.Equal(head, status.GetProperty("servedModel").GetString());
        Assert.Equal(head, status.GetProperty("activeIndex").GetProperty("modelId").GetString());
        var similar = await _admin.GetFromJsonAsync<JsonElement>("/api/products/1/similar?k=5");
        Assert.Equal(5, similar.GetProperty("results").GetArrayLength());

        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsync("/api/admin/builds/rollback", null)).StatusCode);
        status = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/status");
        Assert.Equal((backbone, backboneBuild), (status.GetProperty("servedModel").GetString(), status.GetProperty("activeIndex").GetProperty("buildId").GetInt32()));

        // Without the head's product vectors its build cannot serve: refused, naming the model, and nothing changes.
        var store = Directory.GetFiles(Path.Combine(_factory.DataDirectory, "embeddings"), head + ".vecs").Single();
        File.Move(store, store + ".away");
        try
        {
            var refused = await _admin.PostAsync($"/api/admin/builds/{headBuild}/activate", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains($"no product embeddings for model '{head}'", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(backboneBuild, await AdminApiClient.ServingBuildAsync(_admin));
        }
        finally
        {
            File.Move(store + ".away", store);
        }
    }

    [Theory]
    [InlineData("{\"trees\":0}", "'trees'")]
    [InlineData("{\"trees\":10001}", "'trees'")]
    [InlineData("{\"metric\":\"manhattan\"}", "'metric'")]
    [InlineData("{\"searchK\":-1}", "'searchK'")]
    [InlineData("{\"model\":\"no-such-model\"}", "'model'")]
    public async Task Bad_build_parameters_get_a_400_problem_naming_the_parameter(string body, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _admin.PostAsync("/api/admin/builds", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\":\"zip\"}", "'kind'")]
    [InlineData("{\"kind\":\"folder\"}", "'source'")]
    [InlineData("{\"kind\":\"folder\",\"source\":\"/no/such/folder\"}", "'source'")]
    [InlineData("{\"kind\":\"fashion-mnist\",\"limit\":0}", "'limit'")]
    public async Task Bad_import_parameters_get_a_400_problem_naming_the_parameter(string body, string named)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        var response = await _admin.PostAsync("/api/admin/imports", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_reports_models_the_active_build_the_catalog_and_query_latency()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _admin.GetAsync($"/api/products/{i}/similar?k=5");
        }

        var status = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/status");

        Assert.Equal("CPU", status.GetProperty("executionProvider").GetString());
        Assert.StartsWith("resnet18-", status.GetProperty("servedModel").GetString(), StringComparison.Ordinal);
        Assert.Equal(status.GetProperty("configuredBackbone").GetString(), status.GetProperty("servedModel").GetString());
        Assert.Equal(await AdminApiClient.ServingBuildAsync(_admin), status.GetProperty("activeIndex").GetProperty("buildId").GetInt32());
        Assert.Equal(AppFactory.ProductCount, status.GetProperty("products").GetInt32());
        Assert.True(status.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(status.GetProperty("dataDirectoryBytes").GetInt64() > 0);
        var latency = status.GetProperty("latency");
        Assert.True(latency.GetProperty("count").GetInt32() >= 5);
        Assert.True(latency.GetProperty("p50Milliseconds").GetDouble() <= latency.GetProperty("p95Milliseconds").GetDouble());
    }

}

/// <summary>One app for the class, signed in as an admin, with builds slowed so a large one is still running when a test looks.</summary>
public sealed class AdminApp : IAsyncLifetime
{
    public AppFactory Factory { get; } = new();

    public HttpClient Admin { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // 30 products build in a blink; 20 ms a tree keeps a build of 2,000 trees running for the tests that need one.
        Factory.Settings["VisualRecSys:Admin:TreeBuildDelay"] = "00:00:00.02";
        using (var client = Factory.CreateClient())
        {
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
        }

        Admin = await Factory.CreateSignedInClientAsync(AppRoles.Admin);
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Factory.DisposeAsync();
    }
}
