using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data.Importing;

/// <summary>
/// The part every importer shares: skips entries whose source key is already a product, stores the images of the
/// others in parallel, and inserts their products in batches, one transaction per batch, each batch's insert running
/// while the next batch's images are stored.
/// </summary>
internal sealed class ProductBatchWriter
{
    private readonly IDbContextFactory<VisualRecSysDbContext> _contextFactory;
    private readonly TimeProvider _timeProvider;

    public ProductBatchWriter(IDbContextFactory<VisualRecSysDbContext> contextFactory, TimeProvider timeProvider)
    {
        _contextFactory = contextFactory;
        _timeProvider = timeProvider;
    }

    public async Task<ImportReport> RunAsync(ImportJob job, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(job.Options.BatchSize, 1);
        var clock = Stopwatch.StartNew();
        var images = new ImageFolder(job.Options.ImagesDirectory);
        var skips = new SkipLog();
        var now = _timeProvider.GetUtcNow();
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };

        // Two contexts: batch n's insert runs on `writer` while batch n + 1's images are stored after a look-up on `reader`.
        await using var reader = await _contextFactory.CreateDbContextAsync(ct);
        await using var writer = await _contextFactory.CreateDbContextAsync(ct);
        // Only Add is used, which tracks entities without scanning the graph; detecting changes would cost O(tracked).
        writer.ChangeTracker.AutoDetectChangesEnabled = false;
        var categoryIds = await writer.Categories.ToDictionaryAsync(c => c.Name, c => c.Id, StringComparer.Ordinal, ct);

        int done = 0, added = 0, present = 0;
        progress?.Report(new ImportProgress(0, job.Total));
        (Task<int> Insert, int Ready, int Entries)? pending = null;
        try
        {
            foreach (var batch in Batches(job.Entries, job.Options.BatchSize))
            {
                ct.ThrowIfCancellationRequested();

                // Look first, outside the transaction, so images of products that exist are neither validated nor rewritten.
                // Batch n's rows may not be visible yet, which does not matter: a run's source keys are distinct.
                var existing = await ExistingKeysAsync(reader, batch.Select(e => e.SourceKey), ct);
                var stored = new StoredImage?[batch.Length];
                await Parallel.ForAsync(0, batch.Length, parallel, (i, _) =>
                {
                    if (!existing.Contains(batch[i].SourceKey))
                    {
                        stored[i] = batch[i].StoreImage(images);
                    }

                    return ValueTask.CompletedTask;
                });

                var ready = new List<(ImportEntry Entry, string ImageFile)>(batch.Length);
                for (var i = 0; i < batch.Length; i++)
                {
                    if (stored[i] is not { } outcome)
                    {
                        present++;
                    }
                    else if (outcome.Problem is { } problem)
                    {
                        skips.Add(batch[i].Label, problem);
                    }
                    else
                    {
                        ready.Add((batch[i], outcome.ImageFile!));
                    }
                }

                if (pending is { } previous)
                {
                    pending = null;
                    Complete(await previous.Insert, previous.Ready, previous.Entries);
                }

                // Microsoft.Data.Sqlite's async methods complete synchronously, so only Task.Run makes the insert overlap.
                pending = (Task.Run(() => InsertAsync(writer, ready, categoryIds, now, ct), ct), ready.Count, batch.Length);
            }

            if (pending is { } last)
            {
                pending = null;
                Complete(await last.Insert, last.Ready, last.Entries);
            }
        }
        finally
        {
            // Never leave an insert running on a context about to be disposed; its own failure is not this one's.
            if (pending is { } abandoned)
            {
                await abandoned.Insert.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        void Complete(int inserted, int ready, int entries)
        {
            added += inserted;
            present += ready - inserted;
            done += entries;
            progress?.Report(new ImportProgress(done, job.Total));
        }

        return new ImportReport(done, added, present, skips.Count, skips.Reasons, job.HeldOut, job.Categories, clock.Elapsed);
    }

    /// <summary>Inserts the products of <paramref name="ready"/> that are still new, with their categories, in one transaction.</summary>
    /// <returns>The number of products inserted.</returns>
    private static async Task<int> InsertAsync(
        VisualRecSysDbContext db,
        List<(ImportEntry Entry, string ImageFile)> ready,
        Dictionary<string, int> categoryIds,
        DateTimeOffset now,
        CancellationToken ct)
    {
        if (ready.Count == 0)
        {
            return 0;
        }

        // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, so the keys read here cannot change before
        // the commit: an import running alongside that got in first only makes more entries "already present".
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await ExistingKeysAsync(db, ready.Select(r => r.Entry.SourceKey), ct);
        var newCategories = new List<Category>();
        foreach (var (entry, _) in ready)
        {
            if (!categoryIds.ContainsKey(entry.Category) && newCategories.TrueForAll(c => c.Name != entry.Category))
            {
                newCategories.Add(new Category { Name = entry.Category });
            }
        }

        if (newCategories.Count > 0)
        {
            db.Categories.AddRange(newCategories);
            await db.SaveChangesAsync(ct);
        }

        var inserted = 0;
        foreach (var (entry, imageFile) in ready)
        {
            if (existing.Contains(entry.SourceKey))
            {
                continue;
            }

            db.Products.Add(new Product
            {
                Title = entry.Title,
                CategoryId = categoryIds.TryGetValue(entry.Category, out var id) ? id : newCategories.First(c => c.Name == entry.Category).Id,
                ImageFile = imageFile,
                Price = entry.Price,
                Split = entry.Split,
                SourceKey = entry.SourceKey,
                ItemKey = entry.ItemKey,
                CreatedAt = now,
            });
            inserted++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Only now are the new categories certainly in the database (a failed commit throws before this).
        foreach (var category in newCategories)
        {
            categoryIds[category.Name] = category.Id;
        }

        // Keeps memory flat: without this the context would track every product of the import.
        db.ChangeTracker.Clear();
        return inserted;
    }

    /// <summary>Like <see cref="Enumerable.Chunk"/>, but without allocating a whole batch up front (BatchSize may be int.MaxValue).</summary>
    private static IEnumerable<ImportEntry[]> Batches(IEnumerable<ImportEntry> entries, int size)
    {
        var batch = new List<ImportEntry>(Math.Min(size, ImportOptions.DefaultBatchSize));
        foreach (var entry in entries)
        {
            batch.Add(entry);
            if (batch.Count == size)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    private static async Task<HashSet<string>> ExistingKeysAsync(VisualRecSysDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        var list = keys.ToList();
        var found = await db.Products
            .Where(p => p.SourceKey != null && list.Contains(p.SourceKey))
            .Select(p => p.SourceKey!)
            .ToListAsync(ct);
        return found.ToHashSet(StringComparer.Ordinal);
    }
}
