using VisualRecSys.Engine.Memory;
using VisualRecSys.Web.Infrastructure.Memory;

namespace VisualRecSys.Web.Tests.Infrastructure.Memory;

public sealed class MemoryReliefTests
{
    [Fact]
    public async Task A_burst_of_heavy_work_is_relieved_once_after_its_last_piece()
    {
        // Pieces 20 ms apart, a quiet time of 1 s: even a loaded machine ends the burst before the quiet time does.
        using var relief = new MemoryRelief(TimeProvider.System, quiet: TimeSpan.FromSeconds(1), minimumInterval: TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            relief.AfterHeavyWork();
            await Task.Delay(20);
        }

        // Each piece started the quiet time again: nothing yet, 20 ms after the last.
        Assert.Equal(0, relief.Reliefs);
        await UntilAsync(() => relief.Reliefs == 1);
        await Task.Delay(1500);
        Assert.Equal(1, relief.Reliefs);
    }

    [Fact]
    public async Task Two_bursts_closer_than_the_minimum_interval_are_relieved_that_far_apart()
    {
        var interval = TimeSpan.FromSeconds(1.5);
        using var relief = new MemoryRelief(TimeProvider.System, quiet: TimeSpan.FromMilliseconds(50), minimumInterval: interval);
        relief.AfterHeavyWork();
        await UntilAsync(() => relief.Reliefs == 1);
        var first = relief.LastReliefTimestamp!.Value;

        relief.AfterHeavyWork();
        await Task.Delay(500);
        Assert.Equal(1, relief.Reliefs);
        await UntilAsync(() => relief.Reliefs == 2);
        // Measured on the relief's own clock: when each started, not when the test saw it (a collection takes a while).
        var apart = TimeProvider.System.GetElapsedTime(first, relief.LastReliefTimestamp!.Value);
        Assert.True(apart >= interval, $"The second relief started {apart.TotalMilliseconds:F0} ms after the first");
    }

    [SkippableFact]
    public void On_linux_with_glibc_large_blocks_are_set_to_go_back_to_the_system()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "glibc's mallopt is only called on Linux");
        Assert.True(NativeHeap.ReturnLargeBlocksToTheSystem(), "mallopt(M_MMAP_THRESHOLD) was refused or not found");
        NativeHeap.Trim();
    }

    /// <summary>Waits up to 10 s for <paramref name="condition"/>.</summary>
    internal static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s");
            await Task.Delay(20);
        }
    }
}
