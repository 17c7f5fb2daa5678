using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Catalog;

public sealed class RestartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-restart-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_second_start_reuses_the_database_and_embeddings_instead_of_redoing_them()
    {
        string vectors;
        DateTime firstWrite;
        await using (var first = new AppFactory(_root))
        {
            using var client = first.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
            vectors = Directory.GetFiles(Path.Combine(first.DataDirectory, "embeddings"), "*.vecs").Single();
            firstWrite = File.GetLastWriteTimeUtc(vectors);
        }

        await using var second = new AppFactory(_root);
        using var again = second.CreateClient();
        await AppFactory.WaitUntilReadyAsync(again, TimeSpan.FromMinutes(1));

        var products = await again.GetFromJsonAsync<JsonElement>("/api/products");
        Assert.Equal(AppFactory.ProductCount, products.GetProperty("total").GetInt32());
        Assert.Equal(firstWrite, File.GetLastWriteTimeUtc(vectors));
        var similar = await again.GetFromJsonAsync<JsonElement>("/api/products/2/similar?k=5");
        Assert.Equal(5, similar.GetProperty("results").GetArrayLength());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
