using System.Globalization;
using System.Numerics.Tensors;
using System.Text;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// What a model's input tensor holds for one image: <c>3 × size × size</c> planar floats in a channel order,
/// normalised either per channel (<c>(pixel·scale − mean) / std</c>) or by subtracting a per-pixel mean image.
/// </summary>
public sealed class ModelInputFormat
{
    private readonly float[] _multipliers;
    private readonly float[] _offsets;

    private ModelInputFormat(int inputSize, ChannelOrder channelOrder, PixelRange range, float[] mean, float[] std, MeanImage? meanImage)
    {
        InputSize = inputSize;
        ChannelOrder = channelOrder;
        Range = range;
        Mean = mean;
        Std = std;
        MeanImage = meanImage;

        // (pixel·scale − mean) / std = pixel·(scale/std) − mean/std.
        var scale = range == PixelRange.Unit ? 1f / 255f : 1f;
        _multipliers = [.. std.Select(s => scale / s)];
        _offsets = [.. mean.Zip(std, (m, s) => -m / s)];
    }

    /// <summary>Width and height of the input.</summary>
    public int InputSize { get; }

    /// <summary>Floats per image: 3 × <see cref="InputSize"/>².</summary>
    public int InputLength => 3 * InputSize * InputSize;

    /// <summary>Order of the three planes.</summary>
    public ChannelOrder ChannelOrder { get; }

    /// <summary>Scale of the pixel values before normalisation (ignored with a mean image, which is in bytes).</summary>
    public PixelRange Range { get; }

    /// <summary>Per-channel mean, in plane order (zeros with a mean image).</summary>
    public IReadOnlyList<float> Mean { get; }

    /// <summary>Per-channel standard deviation, in plane order (ones with a mean image).</summary>
    public IReadOnlyList<float> Std { get; }

    /// <summary>The per-pixel mean subtracted from 0..255 pixels, or <see langword="null"/> for per-channel normalisation.</summary>
    public MeanImage? MeanImage { get; }

    /// <summary>ResNet18 from the NuGet package: 224 × 224, B, G, R planes in 0..255 minus the package's mean image.</summary>
    public static ModelInputFormat ResNet18(MeanImage meanImage) => WithMeanImage(ImagePreprocessor.InputSize, ChannelOrder.Bgr, meanImage);

    /// <summary>Pixels in 0..255 minus a per-pixel mean image (given in plane order).</summary>
    /// <exception cref="ArgumentException">The mean image is not <paramref name="inputSize"/> square.</exception>
    public static ModelInputFormat WithMeanImage(int inputSize, ChannelOrder channelOrder, MeanImage meanImage)
    {
        ArgumentNullException.ThrowIfNull(meanImage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        if (meanImage.Size != inputSize)
        {
            throw new ArgumentException($"The mean image is {meanImage.Size} × {meanImage.Size}; the input is {inputSize} × {inputSize}.", nameof(meanImage));
        }

        return new ModelInputFormat(inputSize, channelOrder, PixelRange.Byte, [0, 0, 0], [1, 1, 1], meanImage);
    }

    /// <summary>Per-channel normalisation: <c>(pixel·scale − mean[c]) / std[c]</c>, mean and std in plane order.</summary>
    /// <exception cref="ArgumentException">Mean or std does not have three values, or a std is not positive and finite.</exception>
    public static ModelInputFormat WithMeanAndStd(int inputSize, ChannelOrder channelOrder, PixelRange range, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        if (mean.Count != 3 || std.Count != 3 || mean.Any(m => !float.IsFinite(m)) || std.Any(s => !float.IsFinite(s) || s <= 0))
        {
            throw new ArgumentException("Mean needs three finite values and std three positive ones.", nameof(std));
        }

        return new ModelInputFormat(inputSize, channelOrder, range, [.. mean], [.. std], null);
    }

    /// <summary>
    /// A canonical description (size, order, normalisation; a mean image by the hash of its values), part of what
    /// makes a model id: the same network with other preprocessing gives other vectors.
    /// </summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"size={InputSize};order={ChannelOrder};");
        if (MeanImage is not null)
        {
            var hash = System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(MeanImage.Values));
            text.Append(CultureInfo.InvariantCulture, $"mean-image={hash:x16};");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"range={Range};mean={string.Join(',', Mean.Select(m => m.ToString("R", CultureInfo.InvariantCulture)))};");
            text.Append(CultureInfo.InvariantCulture, $"std={string.Join(',', Std.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))};");
        }

        return text.ToString();
    }

    /// <summary>Turns three planes of 0..255 pixel values (in plane order) into model input, in place.</summary>
    internal void Normalize(Span<float> planes)
    {
        if (planes.Length != InputLength)
        {
            throw new ArgumentException($"Expected {InputLength} floats; got {planes.Length}.", nameof(planes));
        }

        if (MeanImage is not null)
        {
            TensorPrimitives.Subtract(planes, MeanImage.Values, planes);
            return;
        }

        var planeLength = InputSize * InputSize;
        for (var c = 0; c < 3; c++)
        {
            var plane = planes.Slice(c * planeLength, planeLength);
            TensorPrimitives.Multiply(plane, _multipliers[c], plane);
            TensorPrimitives.Add(plane, _offsets[c], plane);
        }
    }
}
