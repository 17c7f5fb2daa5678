using System.Globalization;

namespace VisualRecSys.Engine.Index.Store.VectorFiles;

/// <summary>Which pass of an import <see cref="VectorImportProgress"/> counts.</summary>
public enum VectorImportStage
{
    /// <summary>Reading every value for NaN and infinity, before anything is written.</summary>
    Checking,

    /// <summary>Appending the rows to the embedding store.</summary>
    Writing,
}

/// <summary>Rows done of the pass in progress.</summary>
public readonly record struct VectorImportProgress(VectorImportStage Stage, long Done, long Total);

/// <summary>
/// Appends the rows of a vector file to an embedding store under the ids given for them, after checking every value:
/// the file is read in place twice (check, then write), so nothing is written unless all of it can be.
/// </summary>
public static class VectorImport
{
    // A store block per this many bytes of rows: large enough that block headers and writes cost nothing, small enough
    // to stay a pooled buffer (StoreFormat checksums a block in one go).
    private const int BlockBytes = 8 << 20;

    /// <summary>
    /// Checks that every value of <paramref name="file"/> is finite.
    /// </summary>
    /// <exception cref="InvalidDataException">A row holds NaN or infinity; the message gives the first such row (0-based, as in NumPy).</exception>
    public static void CheckFinite(MappedVectorFile file, IProgress<VectorImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var total = file.File.Rows;
        var rows = progress is null ? null : new Progress(done => progress.Report(new VectorImportProgress(VectorImportStage.Checking, done, total)));
        if (file.FirstNonFiniteRow(rows, ct) is { } bad)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{file.File.Path}: row {bad} (0-based) holds NaN or an infinite value; nothing was imported"));
        }
    }

    /// <summary>
    /// Appends row <c>i</c> of <paramref name="file"/> under <paramref name="ids"/>[i], in blocks, and commits. The caller
    /// has checked the values (<see cref="CheckFinite"/>) and the ids; the writer checks values again, block by block.
    /// </summary>
    /// <exception cref="ArgumentException">The ids do not match the rows, or the store's dimension is not the file's.</exception>
    public static void AppendTo(EmbeddingStoreWriter writer, MappedVectorFile file, ReadOnlySpan<int> ids, IProgress<VectorImportProgress>? progress,
        CancellationToken ct) => AppendTo(writer, file, ids, progress, BlockBytes, ct);

    /// <summary>As above, with blocks of at most <paramref name="blockBytes"/> bytes of rows (tests use small ones to cross blocks).</summary>
    internal static void AppendTo(EmbeddingStoreWriter writer, MappedVectorFile file, ReadOnlySpan<int> ids, IProgress<VectorImportProgress>? progress,
        int blockBytes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(file);
        var total = file.File.Rows;
        if (ids.Length != total)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{ids.Length:N0} ids for {total:N0} rows."), nameof(ids));
        }

        if (writer.Dimension != file.File.Dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The store holds {writer.Dimension}-dimensional vectors; the file's have {file.File.Dimension}."), nameof(file));
        }

        var blockRows = Math.Max(1, blockBytes / (sizeof(float) * (file.File.Dimension + 1)));
        for (var first = 0; first < total; first += blockRows)
        {
            ct.ThrowIfCancellationRequested();
            var count = (int)Math.Min(blockRows, total - first);
            writer.Append(ids.Slice(first, count), file.Rows(first, count));
            progress?.Report(new VectorImportProgress(VectorImportStage.Writing, first + count, total));
        }

        writer.Commit();
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
