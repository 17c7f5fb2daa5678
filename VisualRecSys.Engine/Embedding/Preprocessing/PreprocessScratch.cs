namespace VisualRecSys.Engine.Embedding.Preprocessing;

/// <summary>
/// The working memory of one preprocessing thread: decoded pixels, horizontally resampled rows and the filter
/// tables, all kept between images. Not thread-safe: one per worker (or per thread, see <see cref="ForCurrentThread"/>).
/// </summary>
internal sealed class PreprocessScratch
{
    // 4 MiB keeps a 1-megapixel RGBA decode; larger images borrow from the shared pool and give it back.
    private const int RetainBytes = 4 << 20;

    [ThreadStatic]
    private static PreprocessScratch? _threadScratch;

    public PixelBuffer<byte> Pixels { get; } = new(RetainBytes);

    public PixelBuffer<float> Rows { get; } = new(RetainBytes / sizeof(float));

    /// <summary>One source row as floats.</summary>
    public PixelBuffer<float> Line { get; } = new(RetainBytes / sizeof(float));

    public ResampleAxis Horizontal { get; } = new();

    public ResampleAxis Vertical { get; } = new();

    /// <summary>A scratch owned by the calling thread, for callers that preprocess one image at a time.</summary>
    public static PreprocessScratch ForCurrentThread() => _threadScratch ??= new PreprocessScratch();

    /// <summary>Gives oversized buffers back to the shared pool.</summary>
    public void Release()
    {
        Pixels.Release();
        Rows.Release();
        Line.Release();
    }
}
