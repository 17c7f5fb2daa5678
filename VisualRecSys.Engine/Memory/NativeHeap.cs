using System.Runtime.InteropServices;

namespace VisualRecSys.Engine.Memory;

/// <summary>
/// The C heap (glibc's malloc) under ONNX Runtime, SkiaSharp and our own native decode buffers. By default glibc raises
/// its mmap threshold each time a large block is freed (up to 32 MB), after which blocks of that size come from its heap
/// arenas and stay there when freed: after a burst of large uploads the process kept tens of megabytes it no longer used.
/// </summary>
public static partial class NativeHeap
{
    /// <summary>Blocks of this size and more are mapped on their own and unmapped when freed.</summary>
    public const int LargeBlockBytes = 1 << 20;

    // mallopt's parameter number for the mmap threshold (malloc.h: M_MMAP_THRESHOLD -3).
    private const int MmapThreshold = -3;

    /// <summary>
    /// Fixes the mmap threshold at <see cref="LargeBlockBytes"/> (which also stops glibc from raising it), so large
    /// blocks go back to the system when freed. Call first thing: blocks allocated before keep their place. With it the
    /// app's working set after starting on the demo catalog (`ux.sh`'s base) was 448 MB instead of 613-620 MB, and
    /// `bench embed` ran as fast (106.8-108.1 against 104.9-106.6 images/s, alternated, with the same setting made through
    /// glibc's MALLOC_MMAP_THRESHOLD_). Returns false where the C library is not glibc (nothing changes there).
    /// </summary>
    public static bool ReturnLargeBlocksToTheSystem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallOpt(MmapThreshold, LargeBlockBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Gives the free pages inside glibc's heap arenas back to the system; whether any were (false where not glibc).</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
