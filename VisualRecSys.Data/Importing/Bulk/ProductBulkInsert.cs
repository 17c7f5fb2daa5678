using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace VisualRecSys.Data.Importing.Bulk;

/// <summary>
/// Inserts millions of products in one transaction with one prepared statement: the importers' EF path (change tracking,
/// a look-up per batch, an image per row) costs about a millisecond a product, which is half an hour at 2M.
/// </summary>
/// <remarks>
/// For catalogs made by tools (the scale catalog), not for imports of outside files: there is no check that a source
/// key is new beyond the unique index (a duplicate fails the whole insert, which leaves nothing behind).
/// </remarks>
public static class ProductBulkInsert
{
    /// <summary>Inserts <paramref name="products"/> and any categories they name that are missing.</summary>
    /// <param name="db">A context of either provider; its connection is used and left as found.</param>
    /// <param name="products">The products, read once.</param>
    /// <param name="createdAt">The creation time of every product.</param>
    /// <param name="progress">Receives the number inserted so far, every 100,000 products.</param>
    /// <param name="ct">Cancels the insert (nothing is committed).</param>
    /// <returns>The number of products inserted.</returns>
    /// <exception cref="DbException">A row was refused (e.g. an id or source key already used); nothing is committed.</exception>
    public static async Task<int> InsertAsync(VisualRecSysDbContext db, IEnumerable<BulkProduct> products, DateTimeOffset createdAt,
        IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(products);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        var categories = await db.Categories.ToDictionaryAsync(c => c.Name, c => c.Id, StringComparer.Ordinal, ct);

        await using var insert = connection.CreateCommand();
        insert.Transaction = dbTransaction;
        insert.CommandText = """
            INSERT INTO "Products" ("Id", "Title", "CategoryId", "ImageFile", "Split", "SourceKey", "ItemKey", "CreatedAt")
            VALUES (@id, @title, @category, @image, @split, @source, @item, @created)
            """;
        var id = Parameter(insert, "@id");
        var title = Parameter(insert, "@title");
        var category = Parameter(insert, "@category");
        var image = Parameter(insert, "@image");
        var split = Parameter(insert, "@split");
        var source = Parameter(insert, "@source");
        var item = Parameter(insert, "@item");
        Parameter(insert, "@created").Value = createdAt.UtcTicks;

        var count = 0;
        foreach (var product in products)
        {
            ct.ThrowIfCancellationRequested();
            if (!categories.TryGetValue(product.Category, out var categoryId))
            {
                categoryId = await AddCategoryAsync(connection, dbTransaction, product.Category, ct);
                categories[product.Category] = categoryId;
            }

            Set(id, product.Id);
            Set(title, product.Title);
            Set(category, categoryId);
            Set(image, product.ImageFile);
            Set(split, product.Split);
            Set(source, product.SourceKey);
            Set(item, product.ItemKey);
            if (count == 0)
            {
                // Prepared once the types of the first row are known (Npgsql infers them from the values).
                await insert.PrepareAsync(ct);
            }

            // Synchronous: Microsoft.Data.Sqlite's async methods complete synchronously anyway, and 2M awaited tasks cost seconds.
            insert.ExecuteNonQuery();
            if (++count % 100_000 == 0)
            {
                progress?.Report(count);
            }
        }

        await transaction.CommitAsync(ct);
        progress?.Report(count);
        return count;
    }

    private static async Task<int> AddCategoryAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """INSERT INTO "Categories" ("Name") VALUES (@name) RETURNING "Id" """;
        Parameter(command, "@name").Value = name;
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static void Set(DbParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;
}
