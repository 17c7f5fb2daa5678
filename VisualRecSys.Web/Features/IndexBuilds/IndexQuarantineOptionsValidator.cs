using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>Checks <see cref="IndexQuarantineOptions"/> at start; each message names the key to fix.</summary>
internal sealed class IndexQuarantineOptionsValidator : IValidateOptions<IndexQuarantineOptions>
{
    public const int MaxFilesLimit = 1000;
    public const int MaxMegabytesLimit = 1_000_000;

    public ValidateOptionsResult Validate(string? name, IndexQuarantineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var key = IndexQuarantineOptions.SectionName;
        if (options.MaxFiles is < 0 or > MaxFilesLimit)
        {
            failures.Add($"{key}:{nameof(IndexQuarantineOptions.MaxFiles)} must be between 0 and {MaxFilesLimit}; got {options.MaxFiles}.");
        }

        if (options.MaxMegabytes is < 0 or > MaxMegabytesLimit)
        {
            failures.Add($"{key}:{nameof(IndexQuarantineOptions.MaxMegabytes)} must be between 0 and {MaxMegabytesLimit}; got {options.MaxMegabytes}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
