using System.Text;
using VisualRecSys.Data.Importing;

namespace VisualRecSys.Data.Tests.TestSupport;

/// <summary>
/// Stands in for the engine's image checks where the point of a test is the importer's logic: bytes that start
/// with "GOOD" are a valid 1 × 1 PNG, anything else "not an image". Its "PNGs" are "GOOD" plus the pixels.
/// </summary>
internal sealed class FakeImageInspector : IImageInspector, IGreyscalePngEncoder
{
    public const string NotAnImage = "not an image (fake)";

    public int MaxBytes { get; init; } = 1 << 20;

    public static byte[] Good(string content) => Encoding.ASCII.GetBytes("GOOD" + content);

    public ImageInspection Inspect(ReadOnlySpan<byte> encodedImage) =>
        encodedImage.StartsWith("GOOD"u8) ? ImageInspection.Valid(".png", 1, 1) : ImageInspection.Invalid(NotAnImage);

    public byte[] EncodeGreyPng(ReadOnlySpan<byte> pixels, int width, int height) => [.. "GOOD"u8, .. pixels];
}
