using System.Diagnostics;
using System.Net;
using VisualRecSys.Testing;
using VisualRecSys.Testing.Images;
using Xunit.Abstractions;
using static VisualRecSys.Web.Tests.TestSupport.UploadForms;

namespace VisualRecSys.Web.Tests.Features.Search;

/// <summary>
/// Hundreds of damaged images, under hostile names and declared types, uploaded through real HTTP to one running app
/// (a fixed seed, so a failure reproduces): every answer is 200 or a clear 4xx, never a 5xx, and afterwards the app
/// still searches with its memory bounded. The engine's fuzz test runs thousands more through the same decoder directly.
/// </summary>
[Collection(AloneTests.Name)]
public sealed class UploadFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Cases = 500;
    private const int Seed = 9_2026;

    private static readonly string[] s_names = ["a.png", "b.jpg", "c.gif", "../../etc/passwd", "C:\\Windows\\win.ini", "%00.png", "photo", "ümlaut.webp", new string('x', 300)];
    private static readonly string[] s_types = ["image/png", "image/jpeg", "image/gif", "text/plain", "application/octet-stream", "image/svg+xml"];
    private static readonly HashSet<HttpStatusCode> s_allowed =
        [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity];

    private AppFactory Factory { get; } = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = default!;
    private HttpClient _client = default!;

    public async Task InitializeAsync()
    {
        _app = Factory.WithSettings(TestHosts.NoRateLimits);
        _client = _app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(_client, TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Damaged_uploads_get_200_or_a_clear_4xx_and_the_app_keeps_serving()
    {
        var corpus = FuzzCorpus.Create(Enumerable.Range(2001, 6).Select(QueryImage));
        var mutator = new ImageMutator(corpus, Seed);
        var random = new Random(Seed);
        var statuses = new Dictionary<HttpStatusCode, int>();
        var failures = new List<string>();
        long baseline = 0;
        var clock = Stopwatch.StartNew();

        for (var n = 0; n < Cases; n++)
        {
            if (n == Cases / 10)
            {
                baseline = Environment.WorkingSet;
            }

            var (bytes, description) = mutator.Next();
            using var form = One(bytes, s_names[random.Next(s_names.Length)], s_types[random.Next(s_types.Length)]);
            using var response = await _client.PostAsync("/api/similar", form);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (!s_allowed.Contains(response.StatusCode))
            {
                failures.Add($"case {n}: {description}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var growth = Environment.WorkingSet - baseline;
        output.WriteLine($"{Cases} uploads in {clock.Elapsed.TotalSeconds:F1} s: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key} × {s.Value}")) +
            $"; working set {growth / (1024 * 1024):N0} MB after warm-up");

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > 0 && statuses.GetValueOrDefault(HttpStatusCode.UnprocessableEntity) > 0);
        using var good = await _client.PostAsync("/api/similar", One(QueryImage(2001)));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        // The app runs in this process: decoders leaking per upload would show here.
        Assert.True(growth < 256L * 1024 * 1024, $"the working set grew by {growth:N0} bytes");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await Factory.DisposeAsync();
    }
}

/// <summary>
/// Tests that measure the process (working set growth) run alone, after the parallel ones: other tests' app hosts,
/// each loading the model, would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneTests
{
    public const string Name = "Alone";
}
