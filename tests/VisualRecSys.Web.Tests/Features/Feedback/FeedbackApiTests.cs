using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Tests.Features.Feedback;

public class FeedbackApiTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    private readonly HttpClient _client = app.Client;

    private async Task<List<Data.Feedback>> RowsAsync(string queryKey)
    {
        var factory = app.Factory.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Feedback.AsNoTracking().Where(f => f.QueryKey == queryKey).ToListAsync();
    }

    [Fact]
    public async Task Changing_ones_mind_updates_the_label_instead_of_adding_one()
    {
        var up = await _client.PostAsJsonAsync("/api/feedback", new { queryProductId = 1, resultId = 2, label = "up" });
        var down = await _client.PostAsJsonAsync("/api/feedback", new { queryProductId = 1, resultId = 2, label = "down" });

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        var rows = (await RowsAsync("product:1")).Where(f => f.ResultProductId == 2).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(-1, row.Label);
        Assert.Equal(1, row.QueryProductId);
        Assert.NotNull(row.IndexBuildId);
        Assert.False(string.IsNullOrEmpty(row.ModelId));
        Assert.StartsWith("session:", row.UserKey);
    }

    [Fact]
    public async Task Feedback_on_an_upload_search_is_keyed_by_the_query_hash()
    {
        var hash = new string('a', 64);
        var response = await _client.PostAsJsonAsync("/api/feedback", new { queryHash = hash, resultId = 3, label = "up" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await RowsAsync($"upload:{hash}"));
        Assert.Null(row.QueryProductId);
        Assert.Equal(1, row.Label);
    }

    [Theory]
    [InlineData("""{ "queryProductId": 1, "resultId": 2, "label": "meh" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "resultId": 2, "label": "up" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "queryProductId": 1, "queryHash": "ab", "resultId": 2, "label": "up" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "queryHash": "not-a-hash", "resultId": 2, "label": "up" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "queryProductId": 1, "resultId": 987654, "label": "up" }""", HttpStatusCode.NotFound)]
    [InlineData("""{ "queryProductId": 987654, "resultId": 2, "label": "up" }""", HttpStatusCode.NotFound)]
    public async Task Bad_feedback_is_refused_with_a_problem(string json, HttpStatusCode expected)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var response = await _client.PostAsync("/api/feedback", content);

        Assert.Equal(expected, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}
