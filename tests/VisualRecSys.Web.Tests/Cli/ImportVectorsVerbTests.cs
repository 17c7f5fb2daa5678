using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Testing.Vectors;
using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.Cli;

/// <summary>
/// <c>import vectors</c>: embeddings made elsewhere, for products that exist, land in the model's store exactly as given,
/// and <c>build-index</c> and <c>similar</c> work over them; every wrong file is refused in one line with nothing written.
/// </summary>
public sealed class ImportVectorsVerbTests : IDisposable
{
    private const string Model = "byo-clip";
    private const int Dimension = 8;
    private const int Products = 12;
    private static readonly string[] s_categories = ["Bag", "Coat", "Shirt"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-import-vectors-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public ImportVectorsVerbTests() => Directory.CreateDirectory(Data);

    private string Data => Path.Combine(_root, "data");

    private string Embeddings => Path.Combine(Data, "embeddings");

    private string StoreFile => Path.Combine(Embeddings, Model + EmbeddingStore.Extension);

    public void Dispose()
    {
        _output.Dispose();
        _error.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Imported_npy_vectors_are_stored_exactly_indexed_and_searched_by_product()
    {
        await CreateProductsAsync();
        var vectors = PairedVectors(seed: 21);
        // Rows in another order than the ids, so a row-to-id mix-up shows.
        var ids = Enumerable.Range(1, Products).Reverse().ToArray();
        var rows = ids.SelectMany(id => vectors[id]).ToArray();
        var npy = WriteNpy("vectors.npy", rows);
        var idsFile = WriteIds("ids.csv", VectorIdsHeader.Id, ids.Cast<object>());

        Assert.True(await RunAsync("import", "vectors", npy, "--model", Model, "--dim", $"{Dimension}", "--ids", idsFile, "--data-dir", Data) == 0, _error.ToString());

        Assert.Contains($"Imported {Products} vectors of {Dimension} dimensions for model {Model}", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("no image pipeline", _output.ToString(), StringComparison.Ordinal);
        var stored = EmbeddingStore.TryLoad(Embeddings, Model)!;
        Assert.Equal(Enumerable.Range(1, Products), stored.Ids.ToArray());
        foreach (var id in ids)
        {
            Assert.True(stored.TryGetRow(id, out var row));
            Assert.Equal(vectors[id], stored.Vector(row).ToArray());
        }

        Assert.True(await RunAsync("build-index", "--model", Model, "--trees", "3", "--activate", "--data-dir", Data) == 0, _error.ToString());
        Assert.Contains($"{Products} items × {Dimension}", _output.ToString(), StringComparison.Ordinal);

        const int query = 5;
        _output.GetStringBuilder().Clear();
        Assert.True(await RunAsync("similar", $"{query}", "--k", "3", "--data-dir", Data) == 0, _error.ToString());
        Assert.Equal(NearestByCosine(vectors, query), FirstResult(_output.ToString()));
    }

    [Fact]
    public async Task Raw_f32_vectors_map_to_products_by_source_key()
    {
        await CreateProductsAsync();
        var vectors = PairedVectors(seed: 22);
        int[] ids = [3, 11, 7, 1];
        var raw = Path.Combine(_root, "vectors.f32");
        NpyFiles.WriteRaw(raw, [.. ids.SelectMany(id => vectors[id])]);
        var idsFile = WriteIds("keys.csv", VectorIdsHeader.SourceKey, ids.Select(id => (object)SourceKey(id)));

        Assert.True(await RunAsync("import", "vectors", raw, "--model", Model, "--dim", $"{Dimension}", "--ids", idsFile, "--data-dir", Data) == 0, _error.ToString());

        var stored = EmbeddingStore.TryLoad(Embeddings, Model)!;
        Assert.Equal(ids.Order(), stored.Ids.ToArray());
        foreach (var id in ids)
        {
            Assert.True(stored.TryGetRow(id, out var row));
            Assert.Equal(vectors[id], stored.Vector(row).ToArray());
        }
    }

    public static TheoryData<string, string> WrongImports => new()
    {
        { "fortran-order", "Fortran (column-major) order" },
        { "float64", "dtype is '<f8'" },
        { "big-endian", "dtype is '>f4'" },
        { "wrong-dim", $"have {Dimension + 2} dimensions" },
        { "truncated", "is truncated" },
        { "nan", "row 4 (0-based) holds NaN or an infinite value" },
        { "infinity", "row 9 (0-based) holds NaN or an infinite value" },
        { "unknown-ids", "3 of 12 product ids name no product (13, 40, 99)" },
        { "unknown-keys", "2 of 12 source keys name no product (sku-nope, sku-0)" },
        { "duplicate-ids", "line 10: product id 6 is given twice (first on line 7)" },
        { "fewer-ids", "names 11 rows" },
        { "raw-partial-rows", "are not whole rows of 8 float32" },
        { "head-model", "is a head" },
        { "other-dimension-store", "already holds 4-dimensional vectors" },
    };

    [Theory]
    [MemberData(nameof(WrongImports))]
    public async Task A_wrong_import_is_refused_in_one_line_and_writes_nothing(string wrong, string reason)
    {
        await CreateProductsAsync();
        var model = wrong == "head-model" ? "resnet18-0123456789ab.head-0123456789ab" : Model;
        if (wrong == "other-dimension-store")
        {
            EmbeddingStore.Save(new EmbeddingMatrix(Model, 4, [1], [1, 2, 3, 4]), Embeddings);
        }

        var before = Snapshot();
        var vectors = PairedVectors(seed: 23);
        var ids = Enumerable.Range(1, Products).ToArray();
        var rows = ids.SelectMany(id => vectors[id]).ToArray();
        var file = Path.Combine(_root, "vectors.npy");
        var idsFile = WriteIds("ids.csv", VectorIdsHeader.Id, ids.Cast<object>());
        var dict = NpyFiles.Dict(NpyFiles.Shape(Products, Dimension));
        switch (wrong)
        {
            case "fortran-order":
                NpyFiles.Write(file, rows, Dimension, dict: NpyFiles.Dict(NpyFiles.Shape(Products, Dimension), fortranOrder: true));
                break;
            case "float64":
                NpyFiles.Write(file, [.. rows, .. rows], Dimension, dict: NpyFiles.Dict(NpyFiles.Shape(Products, Dimension), descr: "<f8"));
                break;
            case "big-endian":
                NpyFiles.Write(file, rows, Dimension, dict: NpyFiles.Dict(NpyFiles.Shape(Products, Dimension), descr: ">f4"));
                break;
            case "wrong-dim":
                NpyFiles.Write(file, rows, Dimension, dict: NpyFiles.Dict(NpyFiles.Shape(Products * Dimension / (Dimension + 2), Dimension + 2)));
                break;
            case "truncated":
                NpyFiles.Write(file, rows, Dimension, cutBytes: 5);
                break;
            case "nan":
                rows[(4 * Dimension) + 2] = float.NaN;
                NpyFiles.Write(file, rows, Dimension);
                break;
            case "infinity":
                rows[(9 * Dimension) + 7] = float.NegativeInfinity;
                NpyFiles.Write(file, rows, Dimension);
                break;
            case "unknown-ids":
                NpyFiles.Write(file, rows, Dimension, dict: dict);
                WriteIds("ids.csv", VectorIdsHeader.Id, ids.Select(id => (object)(id switch { 2 => 13, 5 => 40, 8 => 99, _ => id })));
                break;
            case "unknown-keys":
                NpyFiles.Write(file, rows, Dimension);
                WriteIds("ids.csv", VectorIdsHeader.SourceKey, ids.Select(id => (object)(id switch { 3 => "sku-nope", 10 => "sku-0", _ => SourceKey(id) })));
                break;
            case "duplicate-ids":
                NpyFiles.Write(file, rows, Dimension);
                WriteIds("ids.csv", VectorIdsHeader.Id, ids.Select(id => (object)(id == 9 ? 6 : id)));
                break;
            case "fewer-ids":
                NpyFiles.Write(file, rows, Dimension);
                WriteIds("ids.csv", VectorIdsHeader.Id, ids.Skip(1).Cast<object>());
                break;
            case "raw-partial-rows":
                file = Path.Combine(_root, "vectors.f32");
                NpyFiles.WriteRaw(file, rows[..^3]);
                break;
            default:
                NpyFiles.Write(file, rows, Dimension);
                break;
        }

        var line = AssertRefusedInOneLine(await RunAsync("import", "vectors", file, "--model", model, "--dim", $"{Dimension}", "--ids", idsFile, "--data-dir", Data));

        Assert.StartsWith("import vectors: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    /// <summary>Products 1–12 in three categories, with source keys <c>sku-&lt;id&gt;</c>.</summary>
    private async Task CreateProductsAsync()
    {
        await using var db = SplitCatalogFixture.Database(Data);
        await db.Database.MigrateAsync();
        var categories = s_categories.Select(name => new Category { Name = name }).ToArray();
        for (var id = 1; id <= Products; id++)
        {
            db.Products.Add(new Product { Id = id, Title = $"Product {id}", Category = categories[id % 3], ImageFile = $"none/{id}.png", SourceKey = SourceKey(id) });
        }

        await db.SaveChangesAsync();
        SqliteConnection.ClearAllPools();
    }

    private static string SourceKey(int id) => string.Create(CultureInfo.InvariantCulture, $"sku-{id}");

    /// <summary>Seeded vectors of products 1–12 in which 2k−1 and 2k are near copies of each other: each one's neighbour.</summary>
    private static Dictionary<int, float[]> PairedVectors(int seed)
    {
        var random = new Random(seed);
        var vectors = new Dictionary<int, float[]>();
        for (var id = 1; id <= Products; id += 2)
        {
            var first = Enumerable.Range(0, Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
            vectors[id] = first;
            vectors[id + 1] = [.. first.Select(v => v + (float)((random.NextDouble() - 0.5) * 0.05))];
        }

        return vectors;
    }

    /// <summary>The product whose vector is closest in angle to <paramref name="query"/>'s, worked out here by brute force.</summary>
    private static int NearestByCosine(Dictionary<int, float[]> vectors, int query) =>
        vectors.Where(v => v.Key != query).MaxBy(v => TensorPrimitives.CosineSimilarity(vectors[query], v.Value)).Key;

    /// <summary>The id on the first result line of <c>similar</c>: "  score  id  title (category)".</summary>
    private static int FirstResult(string output)
    {
        var line = output.Split('\n').SkipWhile(l => !l.StartsWith("Similar to", StringComparison.Ordinal)).Skip(1).First();
        return int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private string WriteNpy(string name, float[] rows)
    {
        var path = Path.Combine(_root, name);
        NpyFiles.Write(path, rows, Dimension);
        return path;
    }

    private string WriteIds(string name, string header, IEnumerable<object> values)
    {
        var path = Path.Combine(_root, name);
        NpyFiles.WriteIds(path, header, values);
        return path;
    }

    /// <summary>Every file under the embeddings folder (and the index folder) with its bytes' hash: "nothing written" means this does not change.</summary>
    private SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { Embeddings, Path.Combine(Data, "indexes") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                files[Path.GetRelativePath(Data, file)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
            }
        }

        return files;
    }

    private string AssertRefusedInOneLine(int exit) => CliRefusals.AssertOneLine(exit, _error.ToString());

    private Task<int> RunAsync(params string[] args) => CommandLineVerbs.RunAsync(args, _output, _error);

    /// <summary>The ids file's headers.</summary>
    private static class VectorIdsHeader
    {
        public const string Id = VisualRecSys.Data.Importing.Vectors.VectorIdsFile.IdHeader;
        public const string SourceKey = VisualRecSys.Data.Importing.Vectors.VectorIdsFile.SourceKeyHeader;
    }
}
