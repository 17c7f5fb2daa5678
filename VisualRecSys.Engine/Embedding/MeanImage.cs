using Onnx;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// A per-pixel mean image a model's preprocessing subtracts, read from an ONNX initializer of shape
/// <c>[1, 3, size, size]</c> in the model's plane order: ResNetPreprocess.onnx holds ResNet18's (planar B, G, R),
/// so the C# preprocessing matches it exactly.
/// </summary>
public sealed class MeanImage
{
    /// <summary>Name of the initializer that holds the mean in ResNetPreprocess.onnx.</summary>
    public const string InitializerName = "MeanImage";

    private readonly float[] _values;

    private MeanImage(float[] values, int size)
    {
        _values = values;
        Size = size;
    }

    /// <summary>Width and height of each plane.</summary>
    public int Size { get; }

    /// <summary>Mean values, three planes of <see cref="Size"/> × <see cref="Size"/> in the model's plane order.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>ResNet18's mean: planar B, G, R planes of 224 × 224 each.</summary>
    public ReadOnlySpan<float> Bgr => _values;

    /// <summary>Reads ResNet18's <see cref="InitializerName"/> initializer ([1, 3, 224, 224]) from a ResNetPreprocess.onnx file.</summary>
    /// <exception cref="InvalidDataException">The file has no such initializer or it has the wrong shape or type.</exception>
    public static MeanImage Load(string preprocessModelPath) => Load(preprocessModelPath, InitializerName, ImagePreprocessor.InputSize);

    /// <summary>Reads a mean image of <paramref name="size"/> × <paramref name="size"/> from an ONNX file's initializer.</summary>
    /// <param name="onnxPath">An ONNX file (e.g. the model itself, or a preprocessing graph).</param>
    /// <param name="initializerName">The initializer holding the mean, a float tensor [1, 3, size, size].</param>
    /// <param name="size">The model's input size.</param>
    /// <exception cref="InvalidDataException">The file has no such initializer or it has the wrong shape or type.</exception>
    public static MeanImage Load(string onnxPath, string initializerName, int size)
    {
        ArgumentException.ThrowIfNullOrEmpty(onnxPath);
        ArgumentException.ThrowIfNullOrEmpty(initializerName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var model = OnnxFile.Parse(onnxPath);
        var tensor = model.Graph.Initializer.FirstOrDefault(t => t.Name == initializerName)
            ?? throw new InvalidDataException($"'{onnxPath}' has no '{initializerName}' initializer.");

        long[] expectedDims = [1, 3, size, size];
        if (!tensor.Dims.SequenceEqual(expectedDims) || tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException(
                $"'{initializerName}' in '{onnxPath}' must be a float tensor [1,3,{size},{size}]; "
                + $"it is type {tensor.DataType} [{string.Join(",", tensor.Dims)}].");
        }

        var values = new float[3 * size * size];
        if (tensor.FloatData.Count == values.Length)
        {
            tensor.FloatData.CopyTo(values, 0);
        }
        else if (tensor.RawData.Length == values.Length * sizeof(float))
        {
            // ONNX raw_data is little-endian whatever the host.
            var raw = tensor.RawData.Span;
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(raw[(i * sizeof(float))..]);
            }
        }
        else
        {
            throw new InvalidDataException($"'{initializerName}' in '{onnxPath}' does not hold {values.Length} floats.");
        }

        return new MeanImage(values, size);
    }
}
