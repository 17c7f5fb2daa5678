using System.Net.Http.Json;
using System.Text.Json;

namespace VisualRecSys.Load;

/// <summary>What the load draws on, read from the app itself: product ids, categories, and a few originals to upload.</summary>
internal static class CatalogSample
{
    private const int MaxProducts = 2000;
    private const int PageSize = 100;
    private const int UploadImages = 8;

    public static async Task<(List<int> Ids, List<string> Categories, List<byte[]> Uploads)> LoadAsync(HttpClient http, CancellationToken ct)
    {
        var ids = new List<int>();
        for (var page = 1; ids.Count < MaxProducts; page++)
        {
            var listing = await http.GetFromJsonAsync<JsonElement>($"/api/products?page={page}&pageSize={PageSize}", ct);
            var items = listing.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
            ids.AddRange(items);
            if (items.Count < PageSize)
            {
                break;
            }
        }

        if (ids.Count == 0)
        {
            throw new InvalidOperationException("The app lists no products.");
        }

        var categories = await http.GetFromJsonAsync<List<string>>("/api/categories", ct) ?? [];
        var uploads = new List<byte[]>();
        var random = new Random(42);
        for (var i = 0; i < UploadImages; i++)
        {
            uploads.Add(await http.GetByteArrayAsync($"/images/{ids[random.Next(ids.Count)]}", ct));
        }

        return (ids, categories.Count > 0 ? categories : [""], uploads);
    }
}
