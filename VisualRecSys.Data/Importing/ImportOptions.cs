namespace VisualRecSys.Data.Importing;

/// <summary>Settings every importer shares.</summary>
public abstract record ImportOptions
{
    /// <summary>The default <see cref="BatchSize"/>.</summary>
    public const int DefaultBatchSize = 1000;

    /// <summary>The data directory's <c>images/</c> folder: image files are written below it. Created if needed.</summary>
    public required string ImagesDirectory { get; init; }

    /// <summary>
    /// Products inserted per transaction. A cancelled or failed import keeps the batches it committed (importing again
    /// finishes the job); <see cref="int.MaxValue"/> makes the import all or nothing.
    /// </summary>
    public int BatchSize { get; init; } = DefaultBatchSize;
}
