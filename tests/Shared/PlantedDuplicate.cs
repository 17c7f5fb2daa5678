using System.Net.Http.Json;
using System.Text.Json;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Testing;

/// <summary>
/// A test catalog (<see cref="TestCatalog"/>) with one planted duplicate: a lightly blurred copy of the first trouser (the
/// evaluation's own seeded edit), added as a new product of the same category. For the duplicate scan and hiding tests.
/// The database numbers products itself: find them by title (<see cref="IdOfAsync"/>).
/// </summary>
internal sealed record PlantedDuplicate(string OriginalTitle, string CopyTitle, byte[] CopyImage)
{
    public const string Category = "Trouser";

    /// <summary>Writes the catalog (<paramref name="perCategory"/> products per category plus the copy) under <paramref name="root"/>/catalog.</summary>
    public static PlantedDuplicate Create(string root, int perCategory = AppFactory.ProductsPerCategory)
    {
        var folder = Path.Combine(root, "catalog");
        var csv = TestCatalog.Create(folder, perCategory);
        var rows = CatalogCsv.Read(csv).ToList();
        var original = rows.First(r => r.Category == Category);
        var edited = ImageEdits.Apply(File.ReadAllBytes(Path.Combine(folder, original.File)), ImageEditKind.Blur, seed: 7, ImageLimits.Default);
        var copy = original with { Id = rows.Max(r => r.Id) + 1, Title = $"Planted copy of {original.Title}", File = "planted/copy.png" };
        Directory.CreateDirectory(Path.Combine(folder, "planted"));
        File.WriteAllBytes(Path.Combine(folder, copy.File), edited.Encoded);
        CatalogCsv.Write(csv, [.. rows, copy]);
        return new PlantedDuplicate(original.Title, copy.Title, edited.Encoded);
    }

    /// <summary>The id of the product titled <paramref name="title"/>, as the store's API finds it.</summary>
    public static async Task<int> IdOfAsync(HttpClient client, string title)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/products?pageSize=100&q={Uri.EscapeDataString(title)}");
        return page.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("title").GetString() == title).GetProperty("id").GetInt32();
    }
}
