using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace VisualRecSys.Load;

/// <summary>
/// Clients of the HTTP API and pages, each looping over a mix like a shop's traffic: mostly "similar to this product"
/// and product lists, some product and store pages and thumbnails, and a few image uploads (each runs the model).
/// </summary>
internal sealed class ApiWorkers(HttpClient client, Recorder recorder, IReadOnlyList<int> productIds, IReadOnlyList<byte[]> uploads, IReadOnlyList<string> categories)
{
    public Task RunAsync(int workers, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(new Random(1000 + w), ct), CancellationToken.None)));

    private async Task WorkAsync(Random random, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var id = productIds[random.Next(productIds.Count)];
            var roll = random.Next(100);
            try
            {
                await (roll switch
                {
                    < 35 => recorder.TimeAsync("api: similar to a product", () => GetJsonAsync($"/api/products/{id}/similar?k=12", ct)),
                    < 55 => recorder.TimeAsync("api: product list", () => GetJsonAsync($"/api/products?page={1 + random.Next(20)}&pageSize=24", ct)),
                    < 65 => recorder.TimeAsync("api: one product", () => GetJsonAsync($"/api/products/{id}", ct)),
                    < 75 => recorder.TimeAsync("page: store (prerendered)", () => GetAsync($"/store?category={Uri.EscapeDataString(categories[random.Next(categories.Count)])}", ct)),
                    < 82 => recorder.TimeAsync("page: product (prerendered)", () => GetAsync($"/products/{id}", ct)),
                    < 92 => recorder.TimeAsync("image: thumbnail", () => GetAsync($"/images/{id}?size=256", ct)),
                    _ => recorder.TimeAsync("api: upload search", () => UploadAsync(uploads[random.Next(uploads.Count)], ct)),
                });
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<string?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.IsSuccessStatusCode ? null : $"GET {path}: {(int)response.StatusCode}";
    }

    private async Task<string?> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        if (!response.IsSuccessStatusCode)
        {
            return $"GET {path}: {(int)response.StatusCode}";
        }

        await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return null;
    }

    private async Task<string?> UploadAsync(byte[] image, CancellationToken ct)
    {
        using var content = new ByteArrayContent(image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var form = new MultipartFormDataContent { { content, "images", "query.png" } };
        using var response = await client.PostAsync("/api/similar", form, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        return response.StatusCode == HttpStatusCode.OK ? null : $"POST /api/similar: {(int)response.StatusCode}";
    }
}
