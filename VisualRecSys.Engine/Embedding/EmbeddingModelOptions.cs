namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// An ONNX image model configured under <c>VisualRecSys:Embedding:Models:&lt;name&gt;</c>, e.g. a ResNet-50 exported from
/// torchvision. The defaults are torchvision's ImageNet preprocessing: 224 × 224, RGB, pixels in 0..1, ImageNet mean and std.
/// </summary>
public sealed class EmbeddingModelOptions
{
    /// <summary>torchvision's ImageNet mean (R, G, B), used when neither <see cref="Mean"/> nor <see cref="MeanImageFile"/> is set.</summary>
    public static IReadOnlyList<float> ImageNetMean { get; } = [0.485f, 0.456f, 0.406f];

    /// <summary>torchvision's ImageNet standard deviation (R, G, B), used when <see cref="Std"/> is not set.</summary>
    public static IReadOnlyList<float> ImageNetStd { get; } = [0.229f, 0.224f, 0.225f];

    /// <summary>The .onnx file (absolute, or relative to the working directory). Required.</summary>
    public string? Path { get; set; }

    /// <summary>Width and height of the model's input.</summary>
    public int InputSize { get; set; } = 224;

    /// <summary>Order of the colour planes the model takes.</summary>
    public ChannelOrder ChannelOrder { get; set; } = ChannelOrder.Rgb;

    /// <summary>Scale of pixels before <see cref="Mean"/> and <see cref="Std"/> apply.</summary>
    public PixelRange PixelRange { get; set; } = PixelRange.Unit;

    /// <summary>Per-channel mean in plane order (three values); default <see cref="ImageNetMean"/> (in plane order).</summary>
    public float[]? Mean { get; set; }

    /// <summary>Per-channel standard deviation in plane order (three values); default <see cref="ImageNetStd"/> (in plane order).</summary>
    public float[]? Std { get; set; }

    /// <summary>
    /// An ONNX file holding a per-pixel mean image (float [1, 3, size, size] in plane order, subtracted from 0..255 pixels)
    /// instead of <see cref="Mean"/> and <see cref="Std"/>, as ResNetPreprocess.onnx holds ResNet18's.
    /// </summary>
    public string? MeanImageFile { get; set; }

    /// <summary>The initializer in <see cref="MeanImageFile"/> that holds the mean image.</summary>
    public string MeanImageInitializer { get; set; } = MeanImage.InitializerName;

    /// <summary>The input to feed; default the model's first input.</summary>
    public string? InputName { get; set; }

    /// <summary>The output to read the embedding from; default the model's first output.</summary>
    public string? OutputName { get; set; }

    /// <summary>Floats per image in that output (e.g. 2048 for ResNet-50's pooled features). Required.</summary>
    public int Dimension { get; set; }
}
