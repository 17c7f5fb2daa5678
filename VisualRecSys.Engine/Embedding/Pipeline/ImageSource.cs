namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>One image to embed: its id and how to read its encoded bytes (opened on a decode worker, disposed after reading).</summary>
/// <param name="Id">The id its vector is stored under (a product id).</param>
/// <param name="Open">Opens the encoded image; may throw <see cref="IOException"/> (the image is then reported and skipped).</param>
public readonly record struct ImageSource(int Id, Func<Stream> Open)
{
    /// <summary>An image in a file, opened read-only when its turn comes.</summary>
    public static ImageSource FromFile(int id, string path) =>
        new(id, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1));

    /// <summary>An image already in memory.</summary>
    public static ImageSource FromBytes(int id, ReadOnlyMemory<byte> bytes) =>
        new(id, () => new MemoryStream(bytes.ToArray(), writable: false));
}
