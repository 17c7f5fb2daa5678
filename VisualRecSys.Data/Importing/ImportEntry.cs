namespace VisualRecSys.Data.Importing;

/// <summary>One source entry on its way to becoming a product.</summary>
internal sealed class ImportEntry
{
    /// <summary>The product's <see cref="Product.SourceKey"/>; decides whether it is already present.</summary>
    public required string SourceKey { get; init; }

    /// <summary>Names the entry in skip reasons, as the user knows it (a file path, a CSV line).</summary>
    public required string Label { get; init; }

    public required string Title { get; init; }

    public required string Category { get; init; }

    public required string Split { get; init; }

    public decimal? Price { get; init; }

    /// <summary>The product's <see cref="Product.ItemKey"/>: the item the image shows, when the source says so.</summary>
    public string? ItemKey { get; init; }

    /// <summary>
    /// Validates the entry's image and writes it below the images folder, or says why it cannot. Called at most once,
    /// only for entries that are not products yet, possibly on several threads at once (for different entries).
    /// </summary>
    public required Func<ImageFolder, StoredImage> StoreImage { get; init; }

    /// <summary>An entry known to be bad before its image is looked at (an annotation problem): reported as skipped.</summary>
    public static ImportEntry Rejected(string sourceKey, string label, string problem) => new()
    {
        SourceKey = sourceKey,
        Label = label,
        Title = "",
        Category = "",
        Split = "",
        StoreImage = _ => StoredImage.Refused(problem),
    };
}
