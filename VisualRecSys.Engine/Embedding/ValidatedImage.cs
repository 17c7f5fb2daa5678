namespace VisualRecSys.Engine.Embedding;

/// <summary>What <see cref="ImageValidator.Validate"/> learnt about an acceptable image.</summary>
/// <param name="Format">The encoded format, in upper case: <c>PNG</c>, <c>JPEG</c>, <c>WEBP</c>, <c>GIF</c>, <c>BMP</c>, <c>ICO</c> or <c>WBMP</c>.</param>
/// <param name="FileExtension">The format's usual file extension, with the dot: <c>.png</c>, <c>.jpg</c>, <c>.webp</c>, …</param>
/// <param name="Width">Width in pixels, as stored (before any EXIF rotation).</param>
/// <param name="Height">Height in pixels, as stored.</param>
public readonly record struct ValidatedImage(string Format, string FileExtension, int Width, int Height);
