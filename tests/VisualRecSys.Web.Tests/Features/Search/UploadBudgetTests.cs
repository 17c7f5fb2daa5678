using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkiaSharp;
using VisualRecSys.Testing;
using VisualRecSys.Testing.Images;
using VisualRecSys.Web.Features.Search;
using VisualRecSys.Web.Infrastructure.Memory;
using VisualRecSys.Web.Tests.Infrastructure.Memory;

namespace VisualRecSys.Web.Tests.Features.Search;

/// <summary>An app whose decoding budget is one image at the pixel limit and which refuses at once when it is spent.</summary>
public sealed class TightBudgetAppFixture : IAsyncLifetime
{
    public AppFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Factory.Settings["VisualRecSys:Uploads:DecodeBudgetMegapixels"] = "40";
        Factory.Settings["VisualRecSys:Uploads:MaxWaitSeconds"] = "0";
        Factory.Settings["VisualRecSys:Uploads:RetryAfterSeconds"] = "3";
        Client = Factory.CreateClient();
        await AppFactory.WaitUntilReadyAsync(Client, TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>
/// The budget of decoded pixels in flight: a search that does not fit gets 429 with Retry-After (never a 5xx), and the
/// same search succeeds once the budget is back.
/// </summary>
public sealed class UploadBudgetTests(TightBudgetAppFixture app) : IClassFixture<TightBudgetAppFixture>
{
    [Fact]
    public async Task A_search_over_the_spent_budget_gets_429_with_retry_after_and_succeeds_when_retried()
    {
        var budget = app.Factory.Services.GetRequiredService<UploadDecodeBudget>();
        HttpResponseMessage refused;
        using (await budget.AcquireAsync(40_000_000, CancellationToken.None))
        {
            using var form = UploadForms.One(UploadForms.QueryImage(2001));
            refused = await app.Client.PostAsync("/api/similar", form);
        }

        using (refused)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("3", refused.Headers.GetValues("Retry-After").Single());
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
        }

        using var again = UploadForms.One(UploadForms.QueryImage(2001));
        using var response = await app.Client.PostAsync("/api/similar", again);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Concurrent_searches_over_the_budget_get_429_not_5xx_and_all_succeed_when_retried()
    {
        // 25 MP each: only one fits the 40 MP budget at a time.
        var big = GreyPng(5000, 5000);
        var first = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(big)));
        Assert.All(first, code => Assert.Contains(code, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));

        foreach (var code in first.Where(c => c == HttpStatusCode.TooManyRequests))
        {
            Assert.Equal(HttpStatusCode.OK, await PostAsync(big));
        }

        var budget = app.Factory.Services.GetRequiredService<UploadDecodeBudget>();
        Assert.Equal(budget.Permits, budget.Available);
    }

    [Fact]
    public async Task A_hostile_image_is_refused_with_422_before_it_charges_the_budget()
    {
        var budget = app.Factory.Services.GetRequiredService<UploadDecodeBudget>();
        using (await budget.AcquireAsync(40_000_000, CancellationToken.None))
        {
            using var form = UploadForms.One(HostileImages.PngClaiming(60_000, 60_000));
            using var response = await app.Client.PostAsync("/api/similar", form);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
    }

    private async Task<HttpStatusCode> PostAsync(byte[] image)
    {
        using var form = UploadForms.One(image);
        using var response = await app.Client.PostAsync("/api/similar", form);
        return response.StatusCode;
    }

    private static byte[] GreyPng(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i % width) * 7);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}

/// <summary>The budget itself, and its options checked at start.</summary>
public sealed class UploadBudgetOptionsTests
{
    private static UploadDecodeBudget Budget(int megapixels, int waitSeconds, MemoryRelief? relief = null) => new(Options.Create(new UploadBudgetOptions
    {
        DecodeBudgetMegapixels = megapixels,
        MaxWaitSeconds = waitSeconds,
        RetryAfterSeconds = 2,
    }), relief ?? new MemoryRelief(TimeProvider.System));

    [Fact]
    public async Task Memory_is_given_back_once_the_last_charge_of_a_burst_is_given_back()
    {
        using var relief = new MemoryRelief(TimeProvider.System, quiet: TimeSpan.FromMilliseconds(50), minimumInterval: TimeSpan.Zero);
        using var budget = Budget(40, 5, relief);
        var first = await budget.AcquireAsync(10_000_000, CancellationToken.None);
        var second = await budget.AcquireAsync(10_000_000, CancellationToken.None);

        first.Dispose();
        first.Dispose();
        await Task.Delay(300);
        Assert.Equal(0, relief.Reliefs);

        second.Dispose();
        await MemoryReliefTests.UntilAsync(() => relief.Reliefs == 1);
        await Task.Delay(300);
        Assert.Equal(1, relief.Reliefs);
    }

    [Fact]
    public async Task A_charge_waits_for_the_budget_to_come_back_and_is_refused_after_the_longest_wait()
    {
        using var budget = Budget(40, 5);
        var held = await budget.AcquireAsync(30_000_000, CancellationToken.None);
        var waiting = budget.AcquireAsync(30_000_000, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        (await waiting).Dispose();
        Assert.Equal(budget.Permits, budget.Available);

        using var short_ = Budget(40, 1);
        using (await short_.AcquireAsync(40_000_000, CancellationToken.None))
        {
            var e = await Assert.ThrowsAsync<UploadsBusyException>(() => short_.AcquireAsync(1, CancellationToken.None));
            Assert.Equal(TimeSpan.FromSeconds(2), e.RetryAfter);
        }
    }

    [Fact]
    public async Task A_cancelled_wait_is_a_cancellation_not_a_refusal()
    {
        using var budget = Budget(40, 30);
        using (await budget.AcquireAsync(40_000_000, CancellationToken.None))
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => budget.AcquireAsync(1, cts.Token));
        }
    }

    [Theory]
    [InlineData("VisualRecSys:Uploads:DecodeBudgetMegapixels", "39")]
    [InlineData("VisualRecSys:Uploads:DecodeBudgetMegapixels", "100001")]
    [InlineData("VisualRecSys:Uploads:MaxWaitSeconds", "-1")]
    [InlineData("VisualRecSys:Uploads:RetryAfterSeconds", "0")]
    public async Task Invalid_budget_settings_stop_the_app_at_start_naming_the_key(string key, string value)
    {
        await using var factory = new AppFactory();
        using var app = factory.WithSettings(("VisualRecSys:SeedCatalog", "none"), (key, value));
        var e = StartRefusal.Of(() => app.CreateClient());
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_budget_must_hold_one_image_at_the_configured_pixel_limit()
    {
        await using var factory = new AppFactory();
        using var app = factory.WithSettings(("VisualRecSys:SeedCatalog", "none"),
            ("VisualRecSys:Embedding:MaxImagePixels", "10000000"), ("VisualRecSys:Uploads:DecodeBudgetMegapixels", "10"));
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
    }
}
