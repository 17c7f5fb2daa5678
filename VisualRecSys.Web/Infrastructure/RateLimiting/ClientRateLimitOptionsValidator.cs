using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Infrastructure.RateLimiting;

/// <summary>Checks <see cref="ClientRateLimitOptions"/> at start; each message names the key to fix.</summary>
internal sealed class ClientRateLimitOptionsValidator : IValidateOptions<ClientRateLimitOptions>
{
    public const int MaxPermitLimit = 10_000_000;
    public const int MaxWindowSeconds = 86_400;

    public ValidateOptionsResult Validate(string? name, ClientRateLimitOptions options)
    {
        var failures = new List<string>();
        Check(failures, nameof(ClientRateLimitOptions.Uploads), options.Uploads);
        Check(failures, nameof(ClientRateLimitOptions.Api), options.Api);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string rule, RateLimitWindow? window)
    {
        var key = $"{ClientRateLimitOptions.SectionName}:{rule}";
        if (window is null)
        {
            failures.Add($"{key} must be set (PermitLimit and WindowSeconds).");
            return;
        }

        if (window.PermitLimit is < 1 or > MaxPermitLimit)
        {
            failures.Add($"{key}:{nameof(RateLimitWindow.PermitLimit)} must be between 1 and {MaxPermitLimit}; got {window.PermitLimit}.");
        }

        if (window.WindowSeconds is < 1 or > MaxWindowSeconds)
        {
            failures.Add($"{key}:{nameof(RateLimitWindow.WindowSeconds)} must be between 1 and {MaxWindowSeconds}; got {window.WindowSeconds}.");
        }
    }
}
