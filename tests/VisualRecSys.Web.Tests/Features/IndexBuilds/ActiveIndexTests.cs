using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>
/// A replaced index is freed after its grace period, never while something still searches it: a duplicate scan of
/// millions of products outlives the grace period, and a search of an unmapped forest kills the process.
/// </summary>
public sealed class ActiveIndexTests
{
    private static readonly TimeSpan s_grace = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_replaced_index_nobody_leases_is_disposed_after_the_grace_period()
    {
        var active = new ActiveIndex(s_grace);
        var first = new Owner();
        active.Replace(Index(), Info(1), first);

        active.Replace(Index(), Info(2), new Owner());

        Assert.False(first.Disposed, "disposed at once, within the grace period");
        Assert.True(await first.DisposedWithin(s_wait));
    }

    [Fact]
    public async Task A_leased_index_outlives_its_replacement_and_grace_period_and_is_disposed_when_the_lease_ends()
    {
        var active = new ActiveIndex(s_grace);
        var first = new Owner();
        var index = Index();
        active.Replace(index, Info(1), first);
        var lease = active.Lease();
        Assert.NotNull(lease);
        Assert.Same(index, lease.Index);
        Assert.Equal(1, lease.Info.BuildId);

        active.Replace(Index(), Info(2), new Owner());
        await Task.Delay(s_grace * 10);
        Assert.False(first.Disposed, "disposed under a lease");

        lease.Dispose();
        lease.Dispose();
        Assert.True(first.Disposed);
        Assert.Equal(1, first.Disposals);
    }

    [Fact]
    public async Task An_index_still_serving_is_not_disposed_when_a_lease_of_it_ends()
    {
        var active = new ActiveIndex(s_grace);
        var owner = new Owner();
        active.Replace(Index(), Info(1), owner);

        active.Lease()!.Dispose();
        await Task.Delay(s_grace * 4);

        Assert.False(owner.Disposed);
        Assert.Equal(1, active.Lease()!.Info.BuildId);
    }

    [Fact]
    public async Task A_new_delta_over_the_same_forest_keeps_the_forest_even_when_an_older_lease_ends()
    {
        var active = new ActiveIndex(s_grace);
        var forest = new Owner();
        active.Replace(Index(), Info(1), forest);
        var lease = active.Lease()!;

        // Products added: the same forest under a new delta, then another build replaces both.
        active.Replace(Index(), Info(1), forest);
        await Task.Delay(s_grace * 4);
        lease.Dispose();
        Assert.False(forest.Disposed, "the forest still serves under the new delta");

        active.Replace(Index(), Info(2), new Owner());
        Assert.True(await forest.DisposedWithin(s_wait));
        Assert.Equal(1, forest.Disposals);
    }

    [Fact]
    public void Before_the_first_index_there_is_nothing_to_lease()
    {
        Assert.Null(new ActiveIndex(s_grace).Lease());
    }

    private static ExactIndex Index() =>
        new(new EmbeddingMatrix("test-model", 2, [1, 2], [1f, 0f, 0f, 1f]), DistanceMetric.Angular);

    private static ActiveIndexInfo Info(int buildId) => new(buildId, "forest", 2, 0, 1, null, "test-model");

    private sealed class Owner : IDisposable
    {
        private int _disposals;

        public int Disposals => Volatile.Read(ref _disposals);

        public bool Disposed => Disposals > 0;

        public void Dispose() => Interlocked.Increment(ref _disposals);

        public async Task<bool> DisposedWithin(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Disposed && DateTime.UtcNow < deadline)
            {
                await Task.Delay(10);
            }

            return Disposed;
        }
    }
}
