using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Features.Accounts;

/// <summary>Checks <c>VisualRecSys:Admin</c> at start; messages name the key to fix.</summary>
internal sealed class FirstAdminOptionsValidator : IValidateOptions<FirstAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, FirstAdminOptions options)
    {
        var failures = new List<string>();
        var hasEmail = !string.IsNullOrWhiteSpace(options.Email);
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        if (hasEmail != hasPassword)
        {
            failures.Add($"{FirstAdminOptions.SectionName}:Email and {FirstAdminOptions.SectionName}:Password go together: set both to create the first administrator at start, or neither (then use the 'user add' verb).");
        }

        if (hasEmail && !AccountRules.LooksLikeEmail(options.Email))
        {
            failures.Add($"{FirstAdminOptions.SectionName}:Email '{options.Email}' is not an e-mail address.");
        }

        if (hasPassword && options.Password!.Length < AccountRules.MinimumPasswordLength)
        {
            failures.Add($"{FirstAdminOptions.SectionName}:Password must be at least {AccountRules.MinimumPasswordLength} characters long.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
