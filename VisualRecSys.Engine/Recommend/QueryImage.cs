using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Recommend;

/// <summary>An uploaded image to search by and, when a person chose one, the region of it that counts.</summary>
/// <param name="Bytes">The encoded image file.</param>
/// <param name="Crop">The region searched, in the image's displayed pixels; null searches the whole image.</param>
public readonly record struct QueryImage(ReadOnlyMemory<byte> Bytes, CropRegion? Crop = null);
