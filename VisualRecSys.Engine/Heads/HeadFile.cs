using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VisualRecSys.Engine.Models;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// Head files, <c>&lt;head model id&gt;.head</c>, little-endian: "VRSHEAD1", int32 metadata length, the metadata as UTF-8
/// JSON (backbone id, categories, layer widths, embedding layer, mirroring, backbone share, number of networks, whitening size,
/// training summary), the float32 parameters (per network: input means, input multipliers, then each layer's weights and
/// biases; then the whitening's mean and projection when there is one), and the XxHash3 (64-bit) of everything before
/// it. The model id carries the start of that hash, so a file that was altered, truncated or renamed is refused.
/// </summary>
public static class HeadFile
{
    /// <summary>Extension of head files.</summary>
    public const string Extension = ".head";

    /// <summary>Largest head file read (a 4096-wide two-layer head is about 100 MB).</summary>
    public const long MaxLength = 256L << 20;

    private const int HashDigits = 12;

    /// <summary>Most networks an ensemble head may hold.</summary>
    private const int MaxMembers = 32;

    /// <summary>Largest whitened vector.</summary>
    private const int MaxWhiteningOutputs = 8192;

    private static ReadOnlySpan<byte> Magic => "VRSHEAD1"u8;

    /// <summary>The file of head model <paramref name="headId"/> in <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string headId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        // A well-formed head id holds no path separator and does not start with '.': it names a file in the directory.
        if (!ModelId.NamesHead(headId))
        {
            throw new ArgumentException($"'{headId}' is not a head model id.", nameof(headId));
        }

        return Path.Combine(directory, headId + Extension);
    }

    /// <summary>Writes <paramref name="head"/> to <c>&lt;directory&gt;/&lt;id&gt;.head</c> through a temporary file moved into place.</summary>
    public static string Save(CategoryHead head, string directory)
    {
        ArgumentNullException.ThrowIfNull(head);
        var (bytes, checksum) = Serialize(head);
        if (IdFor(head.BackboneModelId, checksum) != head.Id)
        {
            throw new InvalidOperationException($"Head {head.Id} does not match its content; make heads with CategoryHead.Create.");
        }

        Directory.CreateDirectory(directory);
        var path = PathFor(directory, head.Id);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }

    /// <summary>Reads and verifies a head file.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is damaged, truncated, renamed or not a head file; the message says which.</exception>
    public static CategoryHead Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"There is no head file '{path}'.", path);
        }

        if (info.Length > MaxLength)
        {
            throw Corrupt(path, $"it is {info.Length:N0} bytes, more than a head file can be ({MaxLength:N0})");
        }

        var bytes = File.ReadAllBytes(path);
        var head = Parse(bytes, path);
        var expected = Path.GetFileName(path);
        if (!string.Equals(expected, head.Id + Extension, StringComparison.Ordinal))
        {
            throw Corrupt(path, $"its content is head {head.Id}, not the one its name says (renamed?)");
        }

        return head;
    }

    /// <summary>The model id of a head on <paramref name="backboneModelId"/> whose file has checksum <paramref name="checksum"/>.</summary>
    internal static string IdFor(string backboneModelId, ulong checksum) =>
        backboneModelId + ModelId.HeadMarker + checksum.ToString("x16", CultureInfo.InvariantCulture)[..HashDigits];

    /// <summary>The file's bytes and their checksum (the last 8 bytes).</summary>
    internal static (byte[] Bytes, ulong Checksum) Serialize(CategoryHead head)
    {
        var network = head.Network;
        var whitening = head.Fusion.Whitening;
        var metadata = new HeadMetadata
        {
            Backbone = head.BackboneModelId,
            Categories = [.. head.Categories],
            InputDimension = network.InputDimension,
            NormalizeInputLength = network.Scaling.NormalizeLength,
            Widths = [.. network.Layers.Select(l => l.Outputs)],
            EmbeddingLayer = head.EmbeddingLayer,
            MirrorAtQuery = head.MirrorAtQuery,
            Created = head.Created,
            Training = head.Training,
            BackboneShare = head.BackboneShare,
            Members = head.Members.Count,
            WhiteningOutputs = whitening?.Outputs ?? 0,
            Temperature = head.Calibration.Temperature,
            ClassOffsets = head.Calibration.Offsets,
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(metadata, s_json);
        var arrays = head.Members.SelectMany(Parameters).ToList();
        if (whitening is not null)
        {
            arrays.Add(whitening.Mean);
            arrays.Add(whitening.Projection);
        }

        var length = Magic.Length + 4 + json.Length + (4L * arrays.Sum(a => (long)a.Length)) + 8;
        var bytes = new byte[length];
        var at = 0;
        Magic.CopyTo(bytes);
        at += Magic.Length;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), json.Length);
        at += 4;
        json.CopyTo(bytes.AsSpan(at));
        at += json.Length;
        foreach (var array in arrays)
        {
            MemoryMarshal.AsBytes(array.AsSpan()).CopyTo(bytes.AsSpan(at));
            at += 4 * array.Length;
        }

        var checksum = XxHash3.HashToUInt64(bytes.AsSpan(0, at));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), checksum);
        return (bytes, checksum);
    }

    private static CategoryHead Parse(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.Length < Magic.Length + 4 + 8 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw Corrupt(path, "it does not start with \"VRSHEAD1\"");
        }

        var body = bytes[..^8];
        var checksum = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]);
        if (XxHash3.HashToUInt64(body) != checksum)
        {
            throw Corrupt(path, "it fails its checksum (damaged or truncated)");
        }

        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(body[Magic.Length..]);
        var at = Magic.Length + 4;
        if (jsonLength <= 0 || jsonLength > body.Length - at)
        {
            throw Corrupt(path, $"it declares {jsonLength} bytes of metadata");
        }

        HeadMetadata metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<HeadMetadata>(body.Slice(at, jsonLength), s_json)
                ?? throw Corrupt(path, "its metadata is empty");
        }
        catch (JsonException e)
        {
            throw Corrupt(path, $"its metadata is not readable: {e.Message}");
        }

        at += jsonLength;
        var floats = MemoryMarshal.Cast<byte, float>(body[at..]);
        if (body.Length - at != floats.Length * 4)
        {
            throw Corrupt(path, "its parameters are not whole floats");
        }

        try
        {
            return Build(metadata, floats.ToArray(), checksum);
        }
        catch (ArgumentException e)
        {
            throw Corrupt(path, e.Message);
        }
    }

    private static CategoryHead Build(HeadMetadata metadata, float[] floats, ulong checksum)
    {
        if (metadata.Widths.Length == 0 || metadata.Categories.Length != metadata.Widths[^1] || metadata.InputDimension <= 0
            || string.IsNullOrWhiteSpace(metadata.Backbone))
        {
            throw new ArgumentException("its metadata describes no usable network");
        }

        var at = 0;
        float[] Take(int count)
        {
            if (count <= 0 || count > floats.Length - at)
            {
                throw new ArgumentException("it holds fewer parameters than its layers need");
            }

            var values = floats.AsSpan(at, count).ToArray();
            at += count;
            if (!System.Numerics.Tensors.TensorPrimitives.IsFiniteAll<float>(values))
            {
                throw new ArgumentException("a parameter is not a finite number");
            }

            return values;
        }

        if (metadata.Members is < 1 or > MaxMembers || metadata.WhiteningOutputs is < 0 or > MaxWhiteningOutputs)
        {
            throw new ArgumentException($"it declares {metadata.Members} networks and a whitening of {metadata.WhiteningOutputs} outputs");
        }

        var members = new List<HeadNetwork>();
        for (var m = 0; m < metadata.Members; m++)
        {
            var scaling = new InputScaling(metadata.NormalizeInputLength, Take(metadata.InputDimension), Take(metadata.InputDimension));
            var layers = new List<DenseLayer>();
            var inputs = metadata.InputDimension;
            foreach (var width in metadata.Widths)
            {
                layers.Add(new DenseLayer(inputs, width, Take(checked(inputs * width)), Take(width)));
                inputs = width;
            }

            members.Add(new HeadNetwork(scaling, layers));
        }

        var whitening = metadata.WhiteningOutputs == 0
            ? null
            : new Whitening.BackboneWhitening(Take(metadata.InputDimension), Take(checked(metadata.InputDimension * metadata.WhiteningOutputs)), metadata.WhiteningOutputs);
        if (at != floats.Length)
        {
            throw new ArgumentException($"it holds {floats.Length - at} parameters more than its layers need");
        }

        _ = members[0].DimensionOf(metadata.EmbeddingLayer);
        if (!(metadata.BackboneShare is >= 0 and < 1))
        {
            throw new ArgumentException($"its backbone share {metadata.BackboneShare} is not in [0, 1)");
        }

        return new CategoryHead(IdFor(metadata.Backbone, checksum), metadata.Backbone, metadata.Categories, members,
            metadata.EmbeddingLayer, metadata.MirrorAtQuery, metadata.Created, metadata.Training ?? new HeadTrainingSummary(),
            new HeadFusion(metadata.BackboneShare, whitening), new ClassCalibration(metadata.Temperature, metadata.ClassOffsets ?? []));
    }

    private static IEnumerable<float[]> Parameters(HeadNetwork network)
    {
        yield return network.Scaling.Mean;
        yield return network.Scaling.Multiplier;
        foreach (var layer in network.Layers)
        {
            yield return layer.Weights;
            yield return layer.Bias;
        }
    }

    private static InvalidDataException Corrupt(string path, string why) =>
        new($"The head file '{path}' is unusable: {why}. Train the head again (train-head) or restore the file.");

    private static readonly JsonSerializerOptions s_json = new()
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private sealed record HeadMetadata
    {
        [JsonPropertyName("backbone")]
        public string Backbone { get; init; } = "";

        [JsonPropertyName("categories")]
        public string[] Categories { get; init; } = [];

        [JsonPropertyName("input_dimension")]
        public int InputDimension { get; init; }

        [JsonPropertyName("normalize_input_length")]
        public bool NormalizeInputLength { get; init; }

        [JsonPropertyName("widths")]
        public int[] Widths { get; init; } = [];

        [JsonPropertyName("embedding_layer")]
        public HeadLayer EmbeddingLayer { get; init; }

        [JsonPropertyName("mirror_at_query")]
        public bool MirrorAtQuery { get; init; }

        [JsonPropertyName("created")]
        public DateTimeOffset Created { get; init; }

        [JsonPropertyName("training")]
        public HeadTrainingSummary? Training { get; init; }

        // Absent in heads written before fused embeddings: 0, the head's layer alone.
        [JsonPropertyName("backbone_share")]
        public float BackboneShare { get; init; }

        // Absent in heads written before ensembles: one network.
        [JsonPropertyName("members")]
        public int Members { get; init; } = 1;

        // 0: no whitening (absent in older heads).
        [JsonPropertyName("whitening_outputs")]
        public int WhiteningOutputs { get; init; }

        // Absent in older heads: scores as the network gives them.
        [JsonPropertyName("temperature")]
        public float Temperature { get; init; } = 1;

        [JsonPropertyName("class_offsets")]
        public float[]? ClassOffsets { get; init; }
    }
}
