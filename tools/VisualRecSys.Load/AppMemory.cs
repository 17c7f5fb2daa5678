using System.Net.Http.Json;
using System.Text.Json;

namespace VisualRecSys.Load;

/// <summary>The app's memory as its <c>/health</c> reports it, sampled once a second through the run.</summary>
internal sealed class AppMemory(HttpClient client)
{
    private readonly List<long> _samples = [];

    public long Baseline { get; private set; }

    public long Peak { get; private set; }

    public long Last { get; private set; }

    public long ManagedHeapAtBaseline { get; private set; }

    public long ManagedHeapLast { get; private set; }

    /// <summary>Reads the working set and managed heap now.</summary>
    public async Task<(long WorkingSet, long ManagedHeap)> ReadAsync(CancellationToken ct)
    {
        var health = await client.GetFromJsonAsync<JsonElement>("/health", ct);
        var memory = health.GetProperty("memory");
        return (memory.GetProperty("workingSetBytes").GetInt64(), memory.GetProperty("managedHeapBytes").GetInt64());
    }

    /// <summary>Takes the baseline: the end of warm-up, with circuits open and caches filled.</summary>
    public async Task MarkBaselineAsync(CancellationToken ct)
    {
        (Baseline, ManagedHeapAtBaseline) = await ReadAsync(ct);
        Peak = Last = Baseline;
        ManagedHeapLast = ManagedHeapAtBaseline;
    }

    /// <summary>Samples until <paramref name="ct"/> is cancelled, keeping the peak and the last value.</summary>
    public async Task SampleAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                var (workingSet, managed) = await ReadAsync(ct);
                lock (_samples)
                {
                    _samples.Add(workingSet);
                    Peak = Math.Max(Peak, workingSet);
                    Last = workingSet;
                    ManagedHeapLast = managed;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // A probe that fails under load is not a measurement; the API workers count errors.
            }
        }
    }

    /// <summary>Growth of the working set from the baseline to the end of the run, in percent.</summary>
    public double GrowthPercent => Baseline == 0 ? 0 : 100.0 * (Last - Baseline) / Baseline;
}
