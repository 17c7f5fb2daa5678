using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using VisualRecSys.Data.Tests.TestSupport;
using VisualRecSys.Testing.PostgreSql;

namespace VisualRecSys.Data.Tests.Entities;

/// <summary>Price, Split and SourceKey: how they are stored on each provider (and, on SQLite, what the migration does to older rows).</summary>
public abstract class ProductColumnsTests(PostgreSqlServer? server)
{
    [SkippableFact]
    public async Task Prices_are_integer_cents_that_SQL_sorts_and_filters_exactly()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using (var db = database.CreateContext())
        {
            var category = new Category { Name = "Coat" };
            db.Products.AddRange(
                Product(category, "ten", 10m),
                Product(category, "nine ninety-nine", 9.99m),
                Product(category, "unpriced", null),
                Product(category, "a dime", 0.10m),
                Product(category, "a lot", 123456789.01m));
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateContext();
        // As TEXT, "10" would sort before "9.99"; as cents it does not.
        Assert.Equal(
            ["a dime", "nine ninety-nine", "ten", "a lot"],
            await check.Products.Where(p => p.Price != null).OrderBy(p => p.Price).Select(p => p.Title).ToListAsync());
        Assert.Equal(["a dime", "nine ninety-nine"], await check.Products.Where(p => p.Price < 10m).OrderBy(p => p.Price).Select(p => p.Title).ToListAsync());
        Assert.Equal(123456789.01m, (await check.Products.SingleAsync(p => p.Title == "a lot")).Price);
        var stored = await check.Database
            .SqlQueryRaw<long>("SELECT \"PriceCents\" AS \"Value\" FROM \"Products\" WHERE \"PriceCents\" IS NOT NULL ORDER BY 1")
            .ToListAsync();
        Assert.Equal([10L, 999L, 1000L, 12345678901L], stored);
        var types = await check.Database.SqlQueryRaw<string>(ProviderSql.StorageTypes(database.Provider, "Products", "PriceCents")).ToListAsync();
        Assert.Equal(Enumerable.Repeat(ProviderSql.Integer64(database.Provider), 4), types);
    }

    [SkippableFact]
    public async Task A_price_with_a_fraction_of_a_cent_is_refused_on_save()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using var db = database.CreateContext();
        db.Products.Add(Product(new Category { Name = "Coat" }, "odd", 1.005m));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        Assert.Contains("fraction of a cent", error.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Source_keys_are_unique_but_any_number_of_products_may_have_none()
    {
        await using var database = await TestDatabase.CreateInitializedAsync(server);
        await using var db = database.CreateContext();
        var category = new Category { Name = "Bag" };
        db.Products.AddRange(Product(category, "a", null), Product(category, "b", null), Product(category, "c", null, "folder:1"));
        await db.SaveChangesAsync();

        db.Products.Add(Product(category, "d", null, "folder:1"));
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        // SQLite: "UNIQUE constraint failed: Products.SourceKey"; PostgreSQL: "duplicate key value violates unique constraint "IX_Products_SourceKey"".
        Assert.Contains("unique", error.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("SourceKey", error.InnerException!.Message, StringComparison.Ordinal);
    }

    private static Product Product(Category category, string title, decimal? price, string? sourceKey = null) =>
        new() { Title = title, Category = category, ImageFile = title + ".png", Price = price, SourceKey = sourceKey };
}

public sealed class SqliteProductColumnsTests() : ProductColumnsTests(server: null)
{
    [Fact]
    public async Task The_migration_gives_products_of_the_old_csv_importer_their_source_key_and_split()
    {
        await using var database = TestDatabase.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(database.DatabasePath)!);
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261129080506_InitialCreate");
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Categories\" (\"Id\", \"Name\") VALUES (1, 'Bag');"
                + "INSERT INTO \"Products\" (\"Id\", \"Title\", \"CategoryId\", \"ImageFile\", \"CreatedAt\") VALUES (42, 'Old', 1, 'catalog/00042.png', 0);");
        }

        await database.Initializer.InitializeAsync(CancellationToken.None);

        await using var check = database.CreateContext();
        var product = await check.Products.SingleAsync();
        Assert.Equal(("folder:42", "catalog", (decimal?)null), (product.SourceKey, product.Split, product.Price));
    }
}

[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlProductColumnsTests(PostgreSqlServer server) : ProductColumnsTests(server);
