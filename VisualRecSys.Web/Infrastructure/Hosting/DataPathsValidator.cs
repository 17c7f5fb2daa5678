using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>Checks at start that the configured folders and files are usable; messages name the key to fix.</summary>
internal sealed class DataPathsValidator(IHostEnvironment environment) : IValidateOptions<VisualRecSysOptions>
{
    public ValidateOptionsResult Validate(string? name, VisualRecSysOptions options)
    {
        var paths = DataPaths.Resolve(options, environment.ContentRootPath);
        var failures = new List<string>();
        try
        {
            Directory.CreateDirectory(paths.Root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            failures.Add($"VisualRecSys:DataDirectory '{paths.Root}' cannot be created: {e.Message}");
        }
        if (!Directory.Exists(paths.AssetsDirectory))
        {
            failures.Add($"VisualRecSys:AssetsDirectory '{paths.AssetsDirectory}' does not exist.");
        }
        if (paths.SeedCatalog is not null && !File.Exists(paths.SeedCatalog))
        {
            failures.Add($"VisualRecSys:SeedCatalog '{paths.SeedCatalog}' does not exist (set it to 'none' to start without a catalog).");
        }
        if (!string.IsNullOrWhiteSpace(options.DefaultHead) && paths.DefaultHead is not null && !File.Exists(paths.DefaultHead))
        {
            failures.Add($"VisualRecSys:DefaultHead '{paths.DefaultHead}' does not exist (set it to 'none' to serve the backbone until a head is activated).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
