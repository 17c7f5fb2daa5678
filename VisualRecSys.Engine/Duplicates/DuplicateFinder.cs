using System.Buffers;
using System.Numerics.Tensors;
using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Duplicates;

/// <summary>
/// Finds clusters of near-identical items in an index in three plain steps: each item's few nearest neighbours are searched
/// (through the index, so a forest answers at its speed), the pairs whose cosine similarity reaches the threshold are
/// kept, and pairs sharing an item are joined (union-find) into clusters.
/// </summary>
/// <remarks>
/// A chain decides: when A–B and B–C reach the threshold and A–C does not, A, B and C are one cluster (single linkage).
/// Near-identical copies of one product are what the admin hides all but one of, and a chain of them is still copies of
/// one thing; each member carries its closest cosine, so a weak end of a chain shows on the page. Cosines are computed
/// from the stored vectors whatever the index's metric, so the threshold means the same over every build.
/// </remarks>
public static class DuplicateFinder
{
    private const int Chunk = 64;

    /// <summary>The clusters of near-identical items among <paramref name="ids"/>, largest first (then most alike, then lowest id).</summary>
    /// <param name="index">The index searched and whose vectors are compared.</param>
    /// <param name="ids">The items to look at; ids the index does not hold are skipped.</param>
    /// <param name="search">The threshold and neighbours per item.</param>
    /// <param name="progress">Receives the number of items searched so far, from any thread; null for none.</param>
    /// <param name="ct">Cancels the search.</param>
    /// <exception cref="ArgumentOutOfRangeException">The search's values are out of range (see <see cref="DuplicateSearch.Validate"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public static IReadOnlyList<DuplicateCluster> Find(IVectorIndex index, IReadOnlyList<int> ids, DuplicateSearch search, IProgress<int>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(search);
        search.Validate();

        var pairs = FindPairs(index, ids, search, progress, ct);
        return Cluster(pairs);
    }

    /// <summary>Every pair (lower id first) whose cosine reaches the threshold, as either item's search found it.</summary>
    private static List<(int A, int B, float Cosine)> FindPairs(IVectorIndex index, IReadOnlyList<int> ids, DuplicateSearch search,
        IProgress<int>? progress, CancellationToken ct)
    {
        var pairs = new List<(int, int, float)>();
        var done = 0;
        var chunks = (ids.Count + Chunk - 1) / Chunk;
        // Half the cores: the store keeps answering while an admin looks for duplicates.
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount / 2) };
        Parallel.For(0, chunks, options, () => new List<(int, int, float)>(), (chunk, _, found) =>
        {
            var dimension = index.Dimension;
            var query = ArrayPool<float>.Shared.Rent(dimension);
            var other = ArrayPool<float>.Shared.Rent(dimension);
            var hits = ArrayPool<SearchHit>.Shared.Rent(search.Neighbours);
            try
            {
                var end = Math.Min(ids.Count, (chunk + 1) * Chunk);
                for (var i = chunk * Chunk; i < end; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    var id = ids[i];
                    var q = query.AsSpan(0, dimension);
                    if (!index.TryGetVector(id, q))
                    {
                        continue;
                    }

                    var count = index.Search(q, search.Neighbours, hits.AsSpan(0, search.Neighbours), new SearchFilter { ExcludeId = id });
                    foreach (var hit in hits.AsSpan(0, count))
                    {
                        var v = other.AsSpan(0, dimension);
                        if (!index.TryGetVector(hit.Id, v))
                        {
                            continue;
                        }

                        var cosine = Math.Min(1f, TensorPrimitives.CosineSimilarity(q, v));
                        if (cosine >= search.Threshold)
                        {
                            found.Add(id < hit.Id ? (id, hit.Id, cosine) : (hit.Id, id, cosine));
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(query);
                ArrayPool<float>.Shared.Return(other);
                ArrayPool<SearchHit>.Shared.Return(hits);
            }

            var total = Interlocked.Add(ref done, Math.Min(Chunk, ids.Count - (chunk * Chunk)));
            progress?.Report(total);
            return found;
        },
        found =>
        {
            lock (pairs)
            {
                pairs.AddRange(found);
            }
        });

        return pairs;
    }

    /// <summary>Joins pairs sharing an item into clusters, each member with the member it is most alike.</summary>
    internal static IReadOnlyList<DuplicateCluster> Cluster(IReadOnlyList<(int A, int B, float Cosine)> pairs)
    {
        var parent = new Dictionary<int, int>();
        var closest = new Dictionary<int, (int Id, float Cosine)>();
        foreach (var (a, b, cosine) in pairs)
        {
            Union(parent, a, b);
            Closer(closest, a, b, cosine);
            Closer(closest, b, a, cosine);
        }

        return
        [
            .. closest.Keys
                .GroupBy(id => Root(parent, id))
                .Select(group =>
                {
                    var members = group.Order().Select(id => new DuplicateMember(id, closest[id].Id, closest[id].Cosine)).ToArray();
                    return new DuplicateCluster(members, members.Max(m => m.ClosestCosine), members.Min(m => m.ClosestCosine));
                })
                .OrderByDescending(c => c.Members.Count)
                .ThenByDescending(c => c.MaxCosine)
                .ThenBy(c => c.Members[0].Id),
        ];
    }

    private static void Closer(Dictionary<int, (int Id, float Cosine)> closest, int id, int other, float cosine)
    {
        if (!closest.TryGetValue(id, out var known) || cosine > known.Cosine || (cosine == known.Cosine && other < known.Id))
        {
            closest[id] = (other, cosine);
        }
    }

    private static void Union(Dictionary<int, int> parent, int a, int b)
    {
        var rootA = Root(parent, a);
        var rootB = Root(parent, b);
        if (rootA != rootB)
        {
            // The lower id becomes the root: the same pairs give the same clusters in any order.
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
        }
    }

    private static int Root(Dictionary<int, int> parent, int id)
    {
        var root = id;
        while (parent.TryGetValue(root, out var up) && up != root)
        {
            root = up;
        }

        // Path compression: later lookups of this chain take one step.
        while (id != root)
        {
            var up = parent[id];
            parent[id] = root;
            id = up;
        }

        return root;
    }
}
