using System.Runtime.InteropServices;
using System.Text.Json;
using VisualRecSys.Engine.Index;

namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>One index built by real Annoy (see TestData/Annoy/README.md): its file, raw vectors and Annoy's answers.</summary>
internal sealed record AnnoyFixture(string Name, DistanceMetric Metric, int Dimension, int TreesBuilt, int AnnoyItems, int AnnoyTrees, AnnoyQuery[] Queries)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestData", "Annoy");

    public static IEnumerable<string> Names =>
        ["angular-f16", "euclidean-f10", "angular-f6-dups", "euclidean-f3-dups", "angular-f16-rootleaf", "euclidean-f32-rootleaf", "angular-f4-single"];

    public string AnnPath => Path.Combine(Directory, Name + ".ann");

    public static AnnoyFixture Load(string name)
    {
        var json = JsonSerializer.Deserialize<Json>(File.ReadAllText(Path.Combine(Directory, name + ".json")), s_json)!;
        var metric = json.Metric switch
        {
            "angular" => DistanceMetric.Angular,
            "euclidean" => DistanceMetric.Euclidean,
            _ => throw new InvalidDataException($"Unknown metric {json.Metric}."),
        };
        return new AnnoyFixture(name, metric, json.Dimension, json.Trees, json.NItems, json.NTrees, json.Queries);
    }

    /// <summary>The vectors given to Annoy: little-endian float32, item after item.</summary>
    public float[] RawVectors()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Directory, Name + ".f32"));
        Assert.True(BitConverter.IsLittleEndian);
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private sealed record Json(string Metric, int Dimension, int Trees, int NItems, int NTrees, AnnoyQuery[] Queries);
}

/// <summary>Annoy's <c>get_nns_by_item(Item, 10, SearchK)</c>.</summary>
internal sealed record AnnoyQuery(int Item, int SearchK, int[] Neighbours, float[] Distances);
