namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// An exclusive lock on <c>catalog.lock</c> in the data directory, held by the one instance that seeds, embeds and
/// indexes the catalog. A second instance started on the same directory (a restart overlapping the old process, a
/// replica on a shared volume) waits for it and then finds the work done, instead of importing the seed catalog twice
/// or failing on the embedding store's writer lock.
/// </summary>
internal static class PreparationLock
{
    public const string FileName = "catalog.lock";

    private static readonly TimeSpan s_retry = TimeSpan.FromMilliseconds(250);

    /// <summary>Takes the lock, calling <paramref name="waiting"/> once if another process holds it; dispose to release.</summary>
    public static async Task<FileStream> AcquireAsync(string dataDirectory, Action waiting, CancellationToken ct)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an advisory lock (flock) that the OS releases if the process dies.
                // The file is never deleted: a waiter must lock the same file the holder locked.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!told)
                {
                    waiting();
                    told = true;
                }

                await Task.Delay(s_retry, ct);
            }
        }
    }
}
