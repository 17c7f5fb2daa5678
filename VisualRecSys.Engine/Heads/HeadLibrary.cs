using System.Collections.Concurrent;
using VisualRecSys.Engine.Models;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// The trained heads in one folder (<c>&lt;head model id&gt;.head</c>; the app's is <c>heads/</c> in its data directory),
/// loaded and verified on first use and kept. A damaged file is refused with the reason; it is read again on the next
/// request (it may be restored).
/// </summary>
/// <param name="folder">The folder of head files (created when the first head is saved).</param>
public sealed class HeadLibrary(string folder)
{
    private readonly ConcurrentDictionary<string, CategoryHead> _loaded = new(StringComparer.Ordinal);

    /// <summary>The head whose model id is <paramref name="headId"/>.</summary>
    /// <exception cref="ArgumentException">There is no such head in the data directory.</exception>
    /// <exception cref="InvalidDataException">Its file is damaged, truncated or renamed.</exception>
    public CategoryHead Get(string headId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headId);
        if (_loaded.TryGetValue(headId, out var head))
        {
            return head;
        }

        var path = HeadFile.PathFor(folder, headId);
        if (!File.Exists(path))
        {
            throw new ArgumentException($"There is no head model '{headId}' in {folder}; train one with the train-head verb.", nameof(headId));
        }

        head = HeadFile.Load(path);
        return _loaded.GetOrAdd(headId, head);
    }

    /// <summary>The model ids of the head files present, newest first.</summary>
    public IReadOnlyList<string> List() =>
        Directory.Exists(folder)
            ? [.. new DirectoryInfo(folder).EnumerateFiles("*" + HeadFile.Extension)
                .OrderByDescending(f => f.LastWriteTimeUtc)
                .Select(f => Path.GetFileNameWithoutExtension(f.Name))
                .Where(ModelId.NamesHead)]
            : [];

    /// <summary>
    /// Copies a head file made elsewhere (the demo's shipped head) into the data directory after checking it: its
    /// checksum, and that its name is its model id. Returns the head.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged, truncated or renamed.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public CategoryHead Install(string file)
    {
        var head = HeadFile.Load(file);
        var target = HeadFile.PathFor(folder, head.Id);
        if (!File.Exists(target))
        {
            Directory.CreateDirectory(folder);
            var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
            File.Copy(file, temporary);
            File.Move(temporary, target, overwrite: true);
        }

        return _loaded.GetOrAdd(head.Id, head);
    }

    /// <summary>Saves a newly trained head and returns its file.</summary>
    public string Save(CategoryHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        var path = HeadFile.Save(head, folder);
        _loaded[head.Id] = head;
        return path;
    }
}
