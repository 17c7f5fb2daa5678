using System.Runtime.Intrinsics.X86;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>Software prefetch: asking for memory a query will read soon, so that several cache misses overlap.</summary>
internal static class CacheLines
{
    private const int LineBytes = 64;

    /// <summary>Asks for the cache lines of <paramref name="bytes"/> bytes at <paramref name="address"/> (a hint: never faults).</summary>
    public static unsafe void Prefetch(void* address, int bytes)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var start = (byte*)address;
        for (var offset = 0; offset < bytes; offset += LineBytes)
        {
            Sse.Prefetch0(start + offset);
        }
    }
}
