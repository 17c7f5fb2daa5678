using System.Diagnostics;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Heads;

/// <summary>Runs a head over stored backbone vectors and appends the results to the head model's store.</summary>
public static class HeadEmbedding
{
    /// <summary>Rows per head run and per store append.</summary>
    public const int BatchRows = 1024;

    /// <summary>Embeds <paramref name="ids"/> (each present in <paramref name="backbone"/>, and in <paramref name="mirrored"/> when the head mirrors) and returns how many.</summary>
    public static int Append(CategoryHead head, EmbeddingMatrix backbone, EmbeddingMatrix? mirrored, IReadOnlyList<int> ids,
        EmbeddingStoreWriter store, IProgress<EmbeddingProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var inputDimension = head.Network.InputDimension;
        var vectors = new float[BatchRows * inputDimension];
        var mirror = new float[mirrored is null ? 0 : BatchRows * inputDimension];
        var output = new float[BatchRows * head.Dimension];
        var batchIds = new int[BatchRows];
        var workspace = new HeadWorkspace();
        var done = 0;
        for (var start = 0; start < ids.Count; start += BatchRows)
        {
            ct.ThrowIfCancellationRequested();
            var rows = Math.Min(BatchRows, ids.Count - start);
            for (var i = 0; i < rows; i++)
            {
                batchIds[i] = ids[start + i];
            }

            backbone.CopyVectors(batchIds.AsSpan(0, rows), vectors);
            mirrored?.CopyVectors(batchIds.AsSpan(0, rows), mirror);
            head.Embed(vectors.AsSpan(0, rows * inputDimension), mirror.AsSpan(0, mirrored is null ? 0 : rows * inputDimension), rows,
                output, workspace);
            store.Append(batchIds.AsSpan(0, rows), output.AsSpan(0, rows * head.Dimension));
            done += rows;
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            progress?.Report(new EmbeddingProgress(done, ids.Count, 0, rate, TimeSpan.FromSeconds((ids.Count - done) / rate)));
        }

        store.Commit();
        return done;
    }
}
