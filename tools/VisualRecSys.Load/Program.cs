using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using VisualRecSys.Load;

// Drives a running VisualRecSys app on this machine with API clients and Blazor circuits in Chromium, then reports
// errors, latency percentiles and the app's memory growth: see README, "Load".
var url = new Option<string>("--url") { Description = "The app, on this machine only.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var seconds = new Option<int>("--seconds") { Description = $"Measured duration (1–{LoadSettings.MaxSeconds}).", DefaultValueFactory = _ => 60 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of the same load before measuring (JIT, caches, circuits opening).", DefaultValueFactory = _ => 10 };
var circuits = new Option<int>("--circuits") { Description = $"Shoppers in Chromium, one Blazor circuit each (0–{LoadSettings.MaxCircuits}).", DefaultValueFactory = _ => 20 };
var apiWorkers = new Option<int>("--api-workers") { Description = $"Concurrent API clients (0–{LoadSettings.MaxApiWorkers}).", DefaultValueFactory = _ => 8 };
var chromium = new Option<string>("--chromium") { Description = "The Chromium binary.", DefaultValueFactory = _ => "/usr/bin/chromium" };
var output = new Option<string>("--out") { Description = "Where to write the JSON report.", DefaultValueFactory = _ => "load-report.json" };
var maxGrowth = new Option<double>("--max-memory-growth") { Description = "Working-set growth (percent) above which the run fails.", DefaultValueFactory = _ => 10 };

var root = new RootCommand("Load test of a running VisualRecSys app: the API, uploads and Blazor circuits, with errors, p50/p99 and memory growth.")
{
    url, seconds, warmup, circuits, apiWorkers, chromium, output, maxGrowth,
};
root.SetAction(async (parse, ct) =>
{
    if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target))
    {
        Console.Error.WriteLine($"--url '{parse.GetValue(url)}' is not an absolute URL.");
        return 2;
    }

    var settings = new LoadSettings(target, parse.GetValue(seconds), parse.GetValue(warmup), parse.GetValue(circuits), parse.GetValue(apiWorkers),
        parse.GetValue(chromium)!, parse.GetValue(output)!, parse.GetValue(maxGrowth));
    if (settings.Problem() is { } problem)
    {
        Console.Error.WriteLine(problem);
        return 2;
    }

    return await RunAsync(settings, ct);
});
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(LoadSettings settings, CancellationToken ct)
{
    // Whatever happens, the run stops: measured time, warm-up, two minutes to open the circuits and one to wind down.
    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
    deadline.CancelAfter(TimeSpan.FromSeconds(settings.WarmupSeconds + settings.Seconds + 180));
    using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = settings.Target,
        Timeout = TimeSpan.FromSeconds(30),
    };

    var health = await http.GetFromJsonAsync<JsonElement>("/health", deadline.Token);
    if (health.GetProperty("status").GetString() != "ok")
    {
        Console.Error.WriteLine($"The app is not ready: {health}");
        return 1;
    }

    var (ids, categories, uploads) = await CatalogSample.LoadAsync(http, deadline.Token);
    Console.WriteLine($"{ids.Count} products, {categories.Count} categories; warming up for {settings.WarmupSeconds} s, then measuring for {settings.Seconds} s");

    var recorder = new Recorder();
    var memory = new AppMemory(http);
    using var playwright = settings.Circuits > 0 ? await Playwright.CreateAsync() : null;
    await using var browser = playwright is null ? null : await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = settings.Chromium,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });

    using var run = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
    var circuitUsers = browser is null ? null : new CircuitUsers(browser, settings.Target, recorder);
    var load = Task.WhenAll(
        new ApiWorkers(http, recorder, ids, uploads, categories).RunAsync(settings.ApiWorkers, run.Token),
        circuitUsers?.RunAsync(settings.Circuits, run.Token) ?? Task.CompletedTask);

    if (circuitUsers is not null)
    {
        // Warm-up starts once every circuit is open, so opening them is neither measured nor taken as growth.
        await circuitUsers.AllOpened.WaitAsync(TimeSpan.FromSeconds(120), deadline.Token);
        Console.WriteLine($"{settings.Circuits} circuits open");
    }

    await Task.Delay(TimeSpan.FromSeconds(settings.WarmupSeconds), deadline.Token);
    await memory.MarkBaselineAsync(deadline.Token);
    var started = DateTimeOffset.UtcNow;
    recorder.Measuring = true;
    using var sampling = CancellationTokenSource.CreateLinkedTokenSource(run.Token);
    var sampler = memory.SampleAsync(sampling.Token);

    await Task.Delay(TimeSpan.FromSeconds(settings.Seconds), deadline.Token);
    recorder.Measuring = false;
    await sampling.CancelAsync();
    await sampler;
    await run.CancelAsync();
    await load;

    var report = new LoadReport(settings.Target.ToString(), settings.Seconds, settings.WarmupSeconds, settings.Circuits, settings.ApiWorkers, started,
        recorder.Figures(settings.Seconds), circuitUsers?.ConsoleErrors ?? 0,
        memory.Baseline, memory.Last, memory.Peak, memory.GrowthPercent, memory.ManagedHeapAtBaseline, memory.ManagedHeapLast,
        settings.MaxMemoryGrowthPercent);
    report.Print(Console.Out);
    await report.WriteJsonAsync(settings.Output);
    Console.WriteLine($"Report written to {Path.GetFullPath(settings.Output)}");
    return report.MetTargets ? 0 : 1;
}
