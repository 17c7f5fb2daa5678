using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Features.Search;

/// <summary>Checks <see cref="UploadBudgetOptions"/> at start, against the pixel limit; each message names the key to fix.</summary>
internal sealed class UploadBudgetOptionsValidator(IOptions<EmbeddingOptions> embedding) : IValidateOptions<UploadBudgetOptions>
{
    public const int MaxBudgetMegapixels = 100_000;
    public const int MaxWaitLimitSeconds = 300;
    public const int MaxRetryAfterSeconds = 3600;

    public ValidateOptionsResult Validate(string? name, UploadBudgetOptions options)
    {
        var failures = new List<string>();
        var key = UploadBudgetOptions.SectionName;

        // One image at the pixel limit must always fit, or such an upload could never be searched.
        var largest = (int)Math.Ceiling(embedding.Value.MaxImagePixels / 1_000_000.0);
        if (options.DecodeBudgetMegapixels < Math.Max(1, largest) || options.DecodeBudgetMegapixels > MaxBudgetMegapixels)
        {
            failures.Add($"{key}:{nameof(UploadBudgetOptions.DecodeBudgetMegapixels)} must be between {Math.Max(1, largest)} " +
                $"(one image at {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.MaxImagePixels)}) and {MaxBudgetMegapixels}; " +
                $"got {options.DecodeBudgetMegapixels}.");
        }

        if (options.MaxWaitSeconds is < 0 or > MaxWaitLimitSeconds)
        {
            failures.Add($"{key}:{nameof(UploadBudgetOptions.MaxWaitSeconds)} must be between 0 and {MaxWaitLimitSeconds}; got {options.MaxWaitSeconds}.");
        }

        if (options.RetryAfterSeconds is < 1 or > MaxRetryAfterSeconds)
        {
            failures.Add($"{key}:{nameof(UploadBudgetOptions.RetryAfterSeconds)} must be between 1 and {MaxRetryAfterSeconds}; got {options.RetryAfterSeconds}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
