namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// How much decoding uploaded images may hold in memory at once, bound from <see cref="SectionName"/>. A 40-megapixel
/// PNG decodes into 40 MB (greyscale) to 160 MB (colour): without a budget, four parallel outfits of eight such images
/// would decode into gigabytes. See <see cref="UploadDecodeBudget"/>.
/// </summary>
public sealed class UploadBudgetOptions
{
    public const string SectionName = "VisualRecSys:Uploads";

    /// <summary>
    /// Decoded megapixels in flight across all uploads (each search charges its largest image, as read from the headers:
    /// JPEG and WebP count at their reduced decode size, PNG whole). At least one image at the pixel limit
    /// (<c>VisualRecSys:Embedding:MaxImagePixels</c>) must fit. Default: 80, two images at the 40 MP limit.
    /// </summary>
    public int DecodeBudgetMegapixels { get; set; } = 80;

    /// <summary>How long a search waits for the budget before it is refused with 429; 0 refuses at once. Default: 10 s.</summary>
    public int MaxWaitSeconds { get; set; } = 10;

    /// <summary>The <c>Retry-After</c> a refused search is given, in seconds. Default: 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;
}
