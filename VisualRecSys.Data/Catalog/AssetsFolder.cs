namespace VisualRecSys.Data.Catalog;

/// <summary>
/// The repository's <c>wwwroot-assets</c> folder (styles, the demo catalog, the shipped head), shared by the app and the
/// tools. It lives at the repository root rather than in every build output (the demo catalog is thousands of files).
/// </summary>
public static class AssetsFolder
{
    /// <summary>The folder's name.</summary>
    public const string Name = "wwwroot-assets";

    /// <summary>The nearest <see cref="Name"/> folder at or above <paramref name="contentRoot"/>, else above the binaries; null when neither has one.</summary>
    public static string? FindUpwards(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, Name);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
