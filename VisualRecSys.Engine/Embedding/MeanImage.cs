using Onnx;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// The per-pixel mean image that ResNetPreprocess.onnx subtracts, in the model's planar BGR order
/// (<c>[1, 3, 224, 224]</c>): read once from the ONNX file so the C# preprocessing matches it exactly.
/// </summary>
public sealed class MeanImage
{
    /// <summary>Name of the initializer that holds the mean in ResNetPreprocess.onnx.</summary>
    public const string InitializerName = "MeanImage";

    private readonly float[] _bgr;

    private MeanImage(float[] bgr) => _bgr = bgr;

    /// <summary>Mean values, planar B, G, R planes of 224 × 224 each.</summary>
    public ReadOnlySpan<float> Bgr => _bgr;

    /// <summary>Reads the <see cref="InitializerName"/> initializer from a ResNetPreprocess.onnx file.</summary>
    /// <exception cref="InvalidDataException">The file has no such initializer or it has the wrong shape or type.</exception>
    public static MeanImage Load(string preprocessModelPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(preprocessModelPath);
        var model = OnnxFile.Parse(preprocessModelPath);
        var tensor = model.Graph.Initializer.FirstOrDefault(t => t.Name == InitializerName)
            ?? throw new InvalidDataException($"'{preprocessModelPath}' has no '{InitializerName}' initializer.");

        long[] expectedDims = [1, 3, ImagePreprocessor.InputSize, ImagePreprocessor.InputSize];
        if (!tensor.Dims.SequenceEqual(expectedDims) || tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException(
                $"'{InitializerName}' in '{preprocessModelPath}' must be a float tensor [1,3,224,224]; "
                + $"it is type {tensor.DataType} [{string.Join(",", tensor.Dims)}].");
        }

        var values = new float[ImagePreprocessor.InputLength];
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
            throw new InvalidDataException($"'{InitializerName}' in '{preprocessModelPath}' does not hold {values.Length} floats.");
        }

        return new MeanImage(values);
    }
}
