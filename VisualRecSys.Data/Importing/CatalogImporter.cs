using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Importing;

namespace VisualRecSys.Data;

/// <summary>Imports the <c>catalog</c> rows of a catalog CSV as products, copying their images.</summary>
public sealed class CatalogImporter
{
    // Reporting every row would flood a UI with tens of thousands of callbacks.
    private const int ProgressInterval = 256;

    private readonly IDbContextFactory<VisualRecSysDbContext> _contextFactory;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an importer writing to the database of <paramref name="contextFactory"/>.</summary>
    /// <param name="contextFactory">Factory of contexts over the SQLite database.</param>
    /// <param name="timeProvider">Clock for <see cref="Product.CreatedAt"/>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="contextFactory"/> is <see langword="null"/>.</exception>
    public CatalogImporter(IDbContextFactory<VisualRecSysDbContext> contextFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        _contextFactory = contextFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Imports the rows of <paramref name="catalogCsvPath"/> whose split is <c>catalog</c>; <c>query</c> rows are ignored.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Rows whose id is already a product are counted as already present and left alone (even if the
    /// title differs), so importing the same CSV twice adds nothing the second time. For each new row
    /// the image <c>{CSV folder}/{row.File}</c> is copied to <c>{imagesDirectory}/{row.File}</c> and a
    /// product is inserted with the CSV id, title and category (categories are created by name as
    /// needed), <see cref="Product.ImageFile"/> = <c>row.File</c> and <see cref="Product.CreatedAt"/> = now.
    /// </para>
    /// <para>
    /// All image files are checked before anything is written, images are copied before the products are
    /// inserted, and the products are inserted in one transaction: after a failure no product of this
    /// import exists, and every product that exists has its image.
    /// </para>
    /// </remarks>
    /// <param name="catalogCsvPath">The catalog CSV (see <see cref="CatalogCsv"/>).</param>
    /// <param name="imagesDirectory">The data directory's <c>images/</c> folder; created if needed.</param>
    /// <param name="progress">
    /// Receives the number of catalog rows handled so far (skipped or copied), now and then and once at the
    /// end, when it equals <see cref="CatalogImportResult.Added"/> + <see cref="CatalogImportResult.AlreadyPresent"/>.
    /// </param>
    /// <param name="ct">Cancels the import; products are only inserted at the very end, so a cancelled import inserts none.</param>
    /// <returns>The counts of added and already present products and of the catalog's categories.</returns>
    /// <exception cref="CatalogFormatException">The CSV is invalid, or an image file it names does not exist.</exception>
    /// <exception cref="FileNotFoundException">The CSV does not exist.</exception>
    /// <exception cref="ArgumentException">A path argument is null, empty or white space.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    public async Task<CatalogImportResult> ImportAsync(
        string catalogCsvPath, string imagesDirectory, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(catalogCsvPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesDirectory);

        var csvPath = Path.GetFullPath(catalogCsvPath);
        var sourceRoot = Path.GetDirectoryName(csvPath)!;
        var targetRoot = Path.GetFullPath(imagesDirectory);
        var rows = CatalogCsv.Read(csvPath).Where(r => r.Split == CatalogSplit.Catalog).ToList();
        var categoryCount = rows.Select(r => r.Category).Distinct(StringComparer.Ordinal).Count();

        var sources = ResolveSources(csvPath, sourceRoot, rows);

        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var existingIds = await db.Products.Select(p => p.Id).ToHashSetAsync(ct);

        var handled = 0;
        foreach (var row in rows)
        {
            var destination = CatalogPath.Resolve(targetRoot, row.File);
            // The CSV may already live inside the images folder; copying a file onto itself is pointless.
            if (!existingIds.Contains(row.Id) && !string.Equals(sources[row.Id], destination, StringComparison.Ordinal))
            {
                await ImageFileCopier.CopyAsync(sources[row.Id], destination, ct);
            }

            if (++handled % ProgressInterval == 0)
            {
                progress?.Report(handled);
            }
        }

        var added = await InsertProductsAsync(db, rows, ct);
        progress?.Report(rows.Count);
        return new CatalogImportResult(added, rows.Count - added, categoryCount);
    }

    /// <summary>Maps each row's id to its source image, failing before any write if one is missing.</summary>
    private static Dictionary<int, string> ResolveSources(string csvPath, string sourceRoot, List<CatalogRow> rows)
    {
        var sources = new Dictionary<int, string>(rows.Count);
        var missing = new List<string>();
        foreach (var row in rows)
        {
            var source = CatalogPath.Resolve(sourceRoot, row.File);
            if (!File.Exists(source))
            {
                missing.Add($"'{row.File}' (id {row.Id})");
            }

            sources[row.Id] = source;
        }

        if (missing.Count > 0)
        {
            var shown = string.Join(", ", missing.Take(5));
            var more = missing.Count > 5 ? $" and {missing.Count - 5} more" : "";
            throw new CatalogFormatException(
                csvPath, null, $"{missing.Count} image file(s) not found in '{sourceRoot}': {shown}{more}");
        }

        return sources;
    }

    /// <summary>Inserts the rows that are not products yet, with their categories, in one transaction.</summary>
    /// <returns>The number of products inserted.</returns>
    private async Task<int> InsertProductsAsync(VisualRecSysDbContext db, List<CatalogRow> rows, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite begins transactions with BEGIN IMMEDIATE, so the ids read below cannot
        // change before the commit; a concurrent import that got in first just makes more rows "present".
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existingIds = await db.Products.Select(p => p.Id).ToHashSetAsync(ct);
        var categories = await db.Categories.ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, ct);

        // Only Add is used, which tracks entities without scanning the whole graph again.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = _timeProvider.GetUtcNow();
        var added = 0;
        foreach (var row in rows)
        {
            if (!existingIds.Add(row.Id))
            {
                continue;
            }

            if (!categories.TryGetValue(row.Category, out var category))
            {
                category = new Category { Name = row.Category };
                categories.Add(row.Category, category);
                db.Categories.Add(category);
            }

            db.Products.Add(new Product
            {
                Id = row.Id,
                Title = row.Title,
                Category = category,
                ImageFile = row.File,
                CreatedAt = now,
            });
            added++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return added;
    }
}
