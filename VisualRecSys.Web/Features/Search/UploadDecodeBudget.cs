using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using VisualRecSys.Web.Infrastructure.Memory;

namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// The process-wide budget of decoded pixels in flight for searches by uploaded images. A search charges the footprint
/// of its largest image (its images are decoded one after another) before decoding any, holds it until its embeddings are
/// made, then gives it back. When the budget is spent, a search waits (oldest first) up to
/// <see cref="UploadBudgetOptions.MaxWaitSeconds"/>, then is refused with <see cref="UploadsBusyException"/> (429 and
/// <c>Retry-After</c> over HTTP) rather than decoding everything at once. When the last charge is given back, the memory
/// the decodes used is given back to the system soon after (<see cref="MemoryRelief"/>).
/// </summary>
public sealed class UploadDecodeBudget : IDisposable
{
    // Permits are kilopixels: an int holds the largest budget (100,000 MP) with room to spare.
    private const int PixelsPerPermit = 1000;

    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeSpan _maxWait;
    private readonly TimeSpan _retryAfter;
    private readonly MemoryRelief _relief;

    public UploadDecodeBudget(IOptions<UploadBudgetOptions> options, MemoryRelief relief)
    {
        _relief = relief;
        var settings = options.Value;
        Permits = settings.DecodeBudgetMegapixels * (1_000_000 / PixelsPerPermit);
        _maxWait = TimeSpan.FromSeconds(settings.MaxWaitSeconds);
        _retryAfter = TimeSpan.FromSeconds(settings.RetryAfterSeconds);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Permits,
            QueueLimit = Permits,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The budget in kilopixels.</summary>
    internal int Permits { get; }

    /// <summary>Kilopixels not charged at the moment.</summary>
    internal long Available => _limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;

    /// <summary>Charges <paramref name="pixels"/> (at least one kilopixel), waiting for them if need be.</summary>
    /// <returns>The charge; dispose it to give the pixels back.</returns>
    /// <exception cref="UploadsBusyException">The budget stayed spent for the longest wait.</exception>
    public async Task<IDisposable> AcquireAsync(long pixels, CancellationToken ct)
    {
        var permits = (int)Math.Clamp((pixels + PixelsPerPermit - 1) / PixelsPerPermit, 1, Permits);
        RateLimitLease lease;
        if (_maxWait == TimeSpan.Zero)
        {
            lease = _limiter.AttemptAcquire(permits);
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_maxWait);
            try
            {
                lease = await _limiter.AcquireAsync(permits, timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new UploadsBusyException(_retryAfter);
            }
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new UploadsBusyException(_retryAfter);
        }

        return new Charge(this, lease);
    }

    public void Dispose() => _limiter.Dispose();

    // Gives the pixels back; the last charge out asks for the decodes' memory to be given back to the system.
    private sealed class Charge(UploadDecodeBudget budget, RateLimitLease lease) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lease.Dispose();
            if (budget.Available == budget.Permits)
            {
                budget._relief.AfterHeavyWork();
            }
        }
    }
}

/// <summary>Uploads are decoding as much as the budget allows; try again after <see cref="RetryAfter"/>.</summary>
public sealed class UploadsBusyException(TimeSpan retryAfter)
    : Exception($"The server is busy decoding other uploads; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    /// <summary>When a retry is likely to be admitted.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
