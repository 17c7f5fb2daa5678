namespace VisualRecSys.Data.Importing;

/// <summary>
/// Checks an encoded image before an importer turns it into a product. The data layer cannot decode images
/// itself (it knows nothing of the engine); the host supplies an implementation over the engine's decoder.
/// </summary>
public interface IImageInspector
{
    /// <summary>
    /// The largest encoded size accepted, in bytes. Importers compare a file's length with it before reading
    /// the file, so an oversized file costs no memory.
    /// </summary>
    int MaxBytes { get; }

    /// <summary>Checks format, byte and pixel limits and that the whole image decodes.</summary>
    /// <param name="encodedImage">The file's bytes.</param>
    /// <returns>What the image is, or why it is refused; never throws for bad bytes.</returns>
    ImageInspection Inspect(ReadOnlySpan<byte> encodedImage);
}
