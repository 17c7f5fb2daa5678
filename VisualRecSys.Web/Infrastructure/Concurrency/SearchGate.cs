namespace VisualRecSys.Web.Infrastructure.Concurrency;

/// <summary>
/// Lets at most one index search per core run at a time; the others wait their turn in arrival order, asynchronously
/// (holding no thread). A search is pure CPU work: under a burst, searches that all run at once share the cores by
/// time slices and each finishes late, while queued ones run straight through. At 2M products with 32 connections on
/// two cores this is what keeps the slowest similar-items answers near the typical ones.
/// </summary>
public sealed class SearchGate : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>Waits for a free core; dispose the returned slot when the search is done.</summary>
    public async ValueTask<Slot> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    /// <summary>A core held for one search.</summary>
    public readonly struct Slot : IDisposable
    {
        private readonly SemaphoreSlim _slots;

        internal Slot(SemaphoreSlim slots) => _slots = slots;

        /// <summary>Gives the core to the next search waiting.</summary>
        public void Dispose() => _slots.Release();
    }
}
