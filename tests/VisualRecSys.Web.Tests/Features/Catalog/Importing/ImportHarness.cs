using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing;
using VisualRecSys.Data.Importing.DeepFashion;
using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Importing.Folder;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Tests.Features.Catalog.Importing;

/// <summary>
/// A real SQLite database in a temp folder and the importers wired to the engine-backed <see cref="EngineImageInspector"/>,
/// as the app composes them; plus real image bytes made with SkiaSharp.
/// </summary>
internal sealed class ImportHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ImportHarness(ImageLimits? limits = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "vrs-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        var inspector = new EngineImageInspector(limits ?? ImageLimits.Default);
        _services = new ServiceCollection()
            .AddVisualRecSysData(Path.Combine(Root, "data", "visualrecsys.db"))
            .AddSingleton<IImageInspector>(inspector)
            .AddSingleton<IGreyscalePngEncoder>(inspector)
            .BuildServiceProvider();
    }

    public string Root { get; }

    public string ImagesDirectory => Path.Combine(Root, "data", "images");

    public FolderImporter Folder => _services.GetRequiredService<FolderImporter>();

    public FashionMnistImporter FashionMnist => _services.GetRequiredService<FashionMnistImporter>();

    public DeepFashionImporter DeepFashion => _services.GetRequiredService<DeepFashionImporter>();

    public InShopImporter InShop => _services.GetRequiredService<InShopImporter>();

    public static async Task<ImportHarness> CreateAsync(ImageLimits? limits = null)
    {
        var harness = new ImportHarness(limits);
        await harness._services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return harness;
    }

    public VisualRecSysDbContext CreateContext() => _services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>().CreateDbContext();

    public string WriteFile(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image in <paramref name="format"/>, a diagonal gradient seeded by <paramref name="seed"/>.</summary>
    public static byte[] Image(SKEncodedImageFormat format, int width, int height, int seed)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 7 + seed), (byte)(y * 5), (byte)((x + y) * 3 + seed * 11)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    public static IEnumerable<string> FilesUnder(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail a test.
        }
    }
}
