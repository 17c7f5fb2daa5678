using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Duplicates;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>
/// Duplicate scans as admin jobs (one at a time with the other admin jobs, progress live, cancellable): every product,
/// hidden ones included, is compared with its nearest neighbours in the serving index, and the clusters of near-identical
/// ones are kept here as the latest report. The report lives in memory: it survives leaving the page and reloading it,
/// not a restart (the page says so; the hidden products themselves are in the database).
/// </summary>
public sealed class DuplicateScans(AdminJobs jobs, ActiveIndex activeIndex, IDbContextFactory<VisualRecSysDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The kind of the admin jobs this starts.</summary>
    public const string Kind = "duplicates";

    // Members' titles are read in pieces: IN lists of thousands of ids are slow to plan on both providers.
    private const int TitlesPerQuery = 500;

    private DuplicateReport? _latest;

    /// <summary>The report of the latest completed scan of this process, or null before the first.</summary>
    public DuplicateReport? Latest => Volatile.Read(ref _latest);

    /// <summary>Starts a scan, or says why not (another admin job runs, or the catalog is being prepared).</summary>
    /// <exception cref="ArgumentException">A parameter is bad; the message names it.</exception>
    public Task<JobStart> StartAsync(DuplicateScanRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var search = request.ToSearch(out var problem);
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }

        var title = string.Create(CultureInfo.InvariantCulture, $"Find duplicates: cosine ≥ {search.Threshold:0.###}, {search.Neighbours} neighbours per product");
        return jobs.TryStartAsync(Kind, title, (context, token) => RunAsync(search, context, token), ct);
    }

    private async Task<string> RunAsync(DuplicateSearch search, JobContext context, CancellationToken ct)
    {
        // One index for the whole scan, leased: an activation meanwhile neither mixes two builds' vectors nor unmaps the
        // file under a scan of millions of products (minutes; a replaced index is otherwise freed after 30 s).
        using var lease = activeIndex.Lease()
            ?? throw new InvalidOperationException("No index serves yet: wait until the catalog is ready, then start the scan again.");
        var (index, info) = (lease.Index, lease.Info);

        context.Stage("Reading the product ids", 0, "products");
        List<int> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await db.Products.AsNoTracking().OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        }

        context.Stage("Comparing each product with its nearest neighbours", ids.Count, "products");
        var done = 0L;
        // Reports come from the search's threads; the highest count seen is the one shown.
        var progress = new InlineProgress<int>(count =>
        {
            if (count > Interlocked.Read(ref done))
            {
                Interlocked.Exchange(ref done, count);
                context.Report(count);
            }
        });
        var clusters = DuplicateFinder.Find(index, ids, search, progress, ct);

        context.Stage("Reading the clusters' titles", clusters.Sum(c => c.Members.Count), "products");
        var products = await DescribeAsync([.. clusters.SelectMany(c => c.Members.Select(m => m.Id))], context, ct);
        var views = clusters.Select((cluster, i) => new DuplicateClusterView(i + 1, cluster.MaxCosine, cluster.MinCosine,
            [
                .. cluster.Members.Where(m => products.ContainsKey(m.Id)).Select(m =>
                {
                    var (title, category) = products[m.Id];
                    return new DuplicateMemberView(m.Id, title, category, ProductSummary.ImageUrlFor(m.Id, ImageSizes.Small), m.ClosestId, m.ClosestCosine, Hidden: false);
                }),
            ]))
            // A product deleted during the scan can leave a cluster of one: that is no cluster.
            .Where(c => c.Members.Count > 1)
            .ToList();

        var report = new DuplicateReport(context.State.Id, search.Threshold, search.Neighbours, info.BuildId, index.ModelId, ids.Count,
            clock.GetUtcNow(), views);
        Volatile.Write(ref _latest, report);
        return string.Create(CultureInfo.InvariantCulture,
            $"{views.Count:N0} clusters of near-identical products ({report.Clustered:N0} products) at cosine ≥ {search.Threshold:0.###} among {ids.Count:N0} products");
    }

    private async Task<Dictionary<int, (string Title, string Category)>> DescribeAsync(int[] ids, JobContext context, CancellationToken ct)
    {
        var found = new Dictionary<int, (string, string)>(ids.Length);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in ids.Chunk(TitlesPerQuery))
        {
            var rows = await db.Products.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Title, Category = p.Category!.Name }).ToListAsync(ct);
            foreach (var row in rows)
            {
                found[row.Id] = (row.Title, row.Category);
            }

            context.Report(found.Count);
        }

        return found;
    }
}
