namespace VisualRecSys.Engine.Tests;

/// <summary>
/// Bytes a warm piece of code allocates on this thread. The runtime itself sometimes allocates on the
/// calling thread while it swaps tier-0 code for tier-1 code mid-loop (CI saw 5,400 bytes once, from
/// code that allocates nothing), so the loop runs warm first and is measured up to three times: code
/// that really allocates per call allocates in every round, and the smallest round is what it costs.
/// </summary>
internal static class SteadyAllocations
{
    public static long Measure(Action loop)
    {
        for (var i = 0; i < 3; i++)
        {
            loop();
        }

        var least = long.MaxValue;
        for (var round = 0; round < 3 && least > 0; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            loop();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
