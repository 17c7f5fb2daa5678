using SkiaSharp;

namespace VisualRecSys.Engine.Embedding.Preprocessing;

/// <summary>What <see cref="ImageDecoder.DecodePixels"/> put in its buffer.</summary>
/// <param name="Width">Stored width (before orientation).</param>
/// <param name="Height">Stored height.</param>
/// <param name="Channels">1 (greyscale) or 4 (RGBA, opaque).</param>
/// <param name="Origin">The EXIF orientation still to apply.</param>
internal readonly record struct DecodedPixels(int Width, int Height, int Channels, SKEncodedOrigin Origin)
{
    /// <summary>Stored width in the file, before any reduction while decoding (0 when not known: the decoded width counts).</summary>
    public int FullWidth { get; init; }

    /// <summary>Stored height in the file, before any reduction while decoding (0 when not known).</summary>
    public int FullHeight { get; init; }

    /// <summary>Bytes the pixels take.</summary>
    public int Length => Width * Height * Channels;
}
