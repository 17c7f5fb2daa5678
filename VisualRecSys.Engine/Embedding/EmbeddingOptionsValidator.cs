using Microsoft.Extensions.Options;

namespace VisualRecSys.Engine.Embedding;

/// <summary>Validates <see cref="EmbeddingOptions"/>; each message names the configuration key at fault.</summary>
public sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    /// <summary>Upper bound of <see cref="EmbeddingOptions.MaxBatchSize"/>.</summary>
    public const int MaxBatchSizeLimit = 256;

    /// <summary>Upper bound of <see cref="EmbeddingOptions.IntraOpThreads"/>.</summary>
    public const int IntraOpThreadsLimit = 256;

    /// <summary>Upper bound of <see cref="EmbeddingOptions.MaxImageBytes"/> (256 MiB).</summary>
    public const int MaxImageBytesLimit = 256 * 1024 * 1024;

    /// <summary>
    /// Upper bound of <see cref="EmbeddingOptions.MaxImagePixels"/>: a decoded RGBA image of this size
    /// already takes 800 MB, which is the real limit on what a request may cost.
    /// </summary>
    public const int MaxImagePixelsLimit = 200_000_000;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Prefix = EmbeddingOptions.SectionName + ":";
        var failures = new List<string>();

        if (options.ModelDirectory is not null && string.IsNullOrWhiteSpace(options.ModelDirectory))
        {
            failures.Add($"{Prefix}{nameof(EmbeddingOptions.ModelDirectory)} must be omitted or a folder path, not blank");
        }

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Prefix}{nameof(EmbeddingOptions.Provider)} must be one of Auto, Cuda, Cpu");
        }

        CheckRange(failures, nameof(EmbeddingOptions.IntraOpThreads), options.IntraOpThreads, 0, IntraOpThreadsLimit);
        CheckRange(failures, nameof(EmbeddingOptions.MaxBatchSize), options.MaxBatchSize, 1, MaxBatchSizeLimit);
        CheckRange(failures, nameof(EmbeddingOptions.MaxImageBytes), options.MaxImageBytes, 1, MaxImageBytesLimit);
        CheckRange(failures, nameof(EmbeddingOptions.MaxImagePixels), options.MaxImagePixels, 1, MaxImagePixelsLimit);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{EmbeddingOptions.SectionName}:{key} must be between {min} and {max} (was {value})");
        }
    }
}
