using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Feedback;

namespace VisualRecSys.Web.Tests.Features.Feedback;

/// <summary><c>GET /api/quality/feedback.csv</c> on the app with labels seeded straight into its database.</summary>
public sealed class FeedbackCsvApiTests(FeedbackCsvApiTests.SeededApp app) : IClassFixture<FeedbackCsvApiTests.SeededApp>
{
    private const string Header = "id,updated_at,created_at,query_key,query_product_id,query_category,result_product_id,result_category,label,index_build_id,model_id,user_key";

    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Exports_every_label_newest_first_after_a_header_row()
    {
        var response = await _client.GetAsync("/api/quality/feedback.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("feedback.csv", response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(Header + "\r\n", text, StringComparison.Ordinal);
        var rows = Read(text);
        Assert.Equal([app.Coat, app.Upload, app.Sneaker, app.Bag], rows.Select(r => int.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)));

        var bag = rows[3];
        Assert.Equal("2026-01-10T08:00:00Z", bag["updated_at"]);
        Assert.Equal("2026-01-09T07:30:00Z", bag["created_at"]);
        Assert.Equal(($"product:{app.BagQuery}", app.BagQuery.ToString(System.Globalization.CultureInfo.InvariantCulture), "Bag"),
            (bag["query_key"], bag["query_product_id"], bag["query_category"]));
        Assert.Equal(("Bag", "up", "1", SeededApp.Model), (bag["result_category"], bag["label"], bag["index_build_id"], bag["model_id"]));
        // An uploaded-image query has no product, hence no category: empty fields.
        Assert.Equal(("", ""), (rows[1]["query_product_id"], rows[1]["query_category"]));
    }

    [Theory]
    [InlineData("?category=Bag", "bag")]
    [InlineData("?category=Coat%2C%20%22long%22", "coat")]
    [InlineData("?label=down", "sneaker")]
    [InlineData("?label=UP&build=1", "upload bag")]
    [InlineData("?build=2&category=Sneaker", "sneaker")]
    [InlineData("?from=2026-02-01&to=2026-03-05", "upload sneaker")]
    [InlineData("?from=2026-03-06", "coat")]
    [InlineData("?model=another-model", "")]
    [InlineData("?category=&label=&build=", "coat upload sneaker bag")]
    public async Task Filters_keep_only_the_matching_labels(string query, string expected)
    {
        var text = await _client.GetStringAsync("/api/quality/feedback.csv" + query);

        Assert.StartsWith(Header, text, StringComparison.Ordinal);
        var names = Read(text).Select(r => app.NameOf(int.Parse(r["id"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(expected, string.Join(' ', names));
    }

    [Fact]
    public async Task Fields_with_commas_quotes_or_a_formula_are_quoted_and_read_back_intact()
    {
        var text = await _client.GetStringAsync("/api/quality/feedback.csv");

        // RFC 4180: quoted, quotes doubled.
        Assert.Contains("\"Coat, \"\"long\"\"\"", text, StringComparison.Ordinal);
        Assert.Contains("\"analyst \"\"Jo\"\", QA\"", text, StringComparison.Ordinal);
        // A spreadsheet would run this as a formula: it is written as text, behind an apostrophe.
        Assert.Contains("\"'=HYPERLINK(\"\"http://example.com\"\")\"", text, StringComparison.Ordinal);
        var rows = Read(text);
        Assert.Equal(SeededApp.QuotingUser, rows.Single(r => r["label"] == "down")["user_key"]);
        Assert.Equal("Coat, \"long\"", rows[0]["query_category"]);
        Assert.Equal("'" + SeededApp.FormulaUser, rows[1]["user_key"]);
    }

    [Theory]
    [InlineData("?label=maybe", "'label' must be \"up\" or \"down\"; got 'maybe'.")]
    [InlineData("?build=first", "'build' must be an index build id (a positive whole number); got 'first'.")]
    [InlineData("?from=05/03/2026", "'from' must be a date as yyyy-MM-dd; got '05/03/2026'.")]
    [InlineData("?from=2026-03-05&to=2026-03-01", "'from' (2026-03-05) is after 'to' (2026-03-01).")]
    public async Task A_bad_filter_is_refused_with_a_problem_naming_it(string query, string detail)
    {
        var response = await _client.GetAsync("/api/quality/feedback.csv" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Invalid feedback filter", problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Human_precision_is_the_share_of_thumbs_up_per_query_category_under_the_same_filters()
    {
        var report = app.Services.GetRequiredService<FeedbackReport>();

        var all = await report.PrecisionAsync(new FeedbackFilter(), CancellationToken.None);
        var build2 = await report.PrecisionAsync(new FeedbackFilter { BuildId = 2 }, CancellationToken.None);

        // Named categories in ordinal order, uploaded-image queries (no category) last.
        Assert.Equal(
            [("Bag", 1, 1), ("Coat, \"long\"", 1, 1), ("Sneaker", 1, 0), (null, 1, 1)],
            all.ByCategory.Select(p => (p.Category, p.Labels, p.ThumbsUp)));
        Assert.Equal((4, 3, 0.75), (all.Overall.Labels, all.Overall.ThumbsUp, all.Overall.Precision));
        Assert.Equal(0.0, all.For("Sneaker")!.Precision);
        Assert.Null(all.For("Shirt"));
        Assert.Equal([("Coat, \"long\"", 1.0), ("Sneaker", 0.0)], build2.ByCategory.Select(p => (p.Category!, p.Precision!.Value)));
    }

    [Fact]
    public async Task Thumbs_are_counted_per_query_and_result_pair_for_the_worst_queries_view()
    {
        var report = app.Services.GetRequiredService<FeedbackReport>();

        var pairs = await report.ForQueriesAsync([app.BagQuery, 424242], CancellationToken.None);

        var (pair, thumbs) = Assert.Single(pairs);
        Assert.Equal(app.BagQuery, pair.Query);
        Assert.Equal(new PairFeedback(1, 0), thumbs);
    }

    private static List<Dictionary<string, string>> Read(string text)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default with { HasHeader = true, Separator = ',', DetectSeparatorHint = false });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(name => name, name => csv.GetString(name)));
        }

        return rows;
    }

    /// <summary>The app with four labels: on a Bag query, a Sneaker query, an upload, and a product of a category whose name needs quoting.</summary>
    public sealed class SeededApp : IAsyncLifetime
    {
        public const string Model = "resnet18-0123456789ab";
        public const string QuotingUser = "analyst \"Jo\", QA";
        public const string FormulaUser = "=HYPERLINK(\"http://example.com\")";

        private readonly ReadyAppFixture _app = new();

        /// <summary>Signed in as an analyst: the export belongs to the quality console.</summary>
        public HttpClient Client { get; private set; } = default!;

        public IServiceProvider Services => _app.Factory.Services;

        public int BagQuery { get; private set; }

        public int Bag { get; private set; }

        public int Sneaker { get; private set; }

        public int Upload { get; private set; }

        public int Coat { get; private set; }

        public string NameOf(int id) => id == Bag ? "bag" : id == Sneaker ? "sneaker" : id == Upload ? "upload" : id == Coat ? "coat" : $"#{id}";

        public async Task InitializeAsync()
        {
            await _app.InitializeAsync();
            Client = await _app.Factory.CreateSignedInClientAsync(AppRoles.Analyst);
            var factory = _app.Factory.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            int[] bags = [.. await db.Products.Where(p => p.Category!.Name == "Bag").OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()];
            int[] sneakers = [.. await db.Products.Where(p => p.Category!.Name == "Sneaker").OrderBy(p => p.Id).Select(p => p.Id).ToListAsync()];
            var coat = new Product { Title = "Long coat", Category = new Category { Name = "Coat, \"long\"" }, ImageFile = "catalog/none.png" };
            db.Products.Add(coat);
            await db.SaveChangesAsync();

            BagQuery = bags[0];
            var labels = new[]
            {
                Label($"product:{bags[0]}", bags[0], bags[1], 1, 1, "session:aaa", At(2026, 1, 10, 8, 0, 0), At(2026, 1, 9, 7, 30, 0)),
                Label($"product:{sneakers[0]}", sneakers[0], bags[0], -1, 2, QuotingUser, At(2026, 2, 1, 12, 0, 0)),
                Label("upload:" + new string('c', 64), null, sneakers[1], 1, 1, FormulaUser, At(2026, 3, 5, 23, 59, 59)),
                Label($"product:{coat.Id}", coat.Id, bags[1], 1, 2, "session:bbb", At(2026, 3, 6, 0, 0, 0)),
            };
            db.Feedback.AddRange(labels);
            await db.SaveChangesAsync();
            (Bag, Sneaker, Upload, Coat) = (labels[0].Id, labels[1].Id, labels[2].Id, labels[3].Id);
        }

        public Task DisposeAsync()
        {
            Client?.Dispose();
            return _app.DisposeAsync();
        }

        private static DateTimeOffset At(int year, int month, int day, int hour, int minute, int second) =>
            new(year, month, day, hour, minute, second, TimeSpan.Zero);

        private static Data.Feedback Label(string query, int? queryProduct, int result, int label, int build, string user, DateTimeOffset updated, DateTimeOffset? created = null) => new()
        {
            QueryKey = query,
            QueryProductId = queryProduct,
            ResultProductId = result,
            Label = label,
            IndexBuildId = build,
            ModelId = Model,
            UserKey = user,
            CreatedAt = created ?? updated,
            UpdatedAt = updated,
        };
    }
}
