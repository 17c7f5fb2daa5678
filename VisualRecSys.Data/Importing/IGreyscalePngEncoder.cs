namespace VisualRecSys.Data.Importing;

/// <summary>
/// Encodes raw greyscale pixels as PNG, for data sets that ship pixels rather than image files (Fashion-MNIST).
/// Supplied by the host, like <see cref="IImageInspector"/>.
/// </summary>
public interface IGreyscalePngEncoder
{
    /// <summary>Encodes 8-bit greyscale pixels as an 8-bit greyscale PNG.</summary>
    /// <param name="pixels"><paramref name="width"/> × <paramref name="height"/> bytes, row-major, no padding; 0 is black.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The PNG file's bytes.</returns>
    byte[] EncodeGreyPng(ReadOnlySpan<byte> pixels, int width, int height);
}
