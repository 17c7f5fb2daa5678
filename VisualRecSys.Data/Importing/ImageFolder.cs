using System.Collections.Concurrent;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing;

/// <summary>The data directory's <c>images/</c> folder, as importers write to it (thread-safe).</summary>
internal sealed class ImageFolder
{
    // Each import writes thousands of files into a handful of folders; creating them once saves a syscall per file.
    private readonly ConcurrentDictionary<string, bool> _createdFolders = new(StringComparer.Ordinal);

    public ImageFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The full path of <paramref name="imageFile"/> (relative, '/' separated, no <c>..</c>).</summary>
    public string PathOf(string imageFile) => CatalogPath.Resolve(Root, imageFile);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="imageFile"/>, replacing any file there.</summary>
    /// <remarks>
    /// Written in place, not through a temporary file: importers insert a product only after its file is complete, and
    /// never rewrite the file of a product that exists, so a file cut short by a crash belongs to no product and is
    /// simply written again by the next import. Not fsynced, as re-running an import is cheaper than syncing 70,000 files.
    /// </remarks>
    public void Write(string imageFile, ReadOnlySpan<byte> bytes)
    {
        var path = PathOf(imageFile);
        var folder = Path.GetDirectoryName(path)!;
        if (!_createdFolders.ContainsKey(folder))
        {
            // Created before it is recorded, so no other thread writes into it too early; creating twice is harmless.
            Directory.CreateDirectory(folder);
            _createdFolders.TryAdd(folder, true);
        }

        // The fewest system calls: no lock (FileShare.None would flock) and no preallocation (File.WriteAllBytes would
        // fallocate); with tens of thousands of small files, creating them is most of an import's time.
        using var handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        RandomAccess.Write(handle, bytes, 0);
    }
}
