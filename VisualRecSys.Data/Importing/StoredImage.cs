namespace VisualRecSys.Data.Importing;

/// <summary>The outcome of <see cref="ImportEntry.StoreImage"/>: where the image now is, or why it was refused.</summary>
internal readonly record struct StoredImage(string? ImageFile, string? Problem)
{
    /// <summary>The image was written to <paramref name="imageFile"/> (relative to the images folder, '/' separated).</summary>
    public static StoredImage At(string imageFile) => new(imageFile, null);

    /// <summary>The image is bad; the entry is skipped.</summary>
    public static StoredImage Refused(string problem) => new(null, problem);
}
