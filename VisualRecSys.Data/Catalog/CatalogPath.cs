namespace VisualRecSys.Data.Catalog;

/// <summary>Checks and resolves the relative, '/' separated image paths of a catalog.</summary>
internal static class CatalogPath
{
    /// <summary>Returns why <paramref name="file"/> is not an acceptable relative path, or <see langword="null"/> if it is.</summary>
    public static string? Validate(string file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return "file is empty";
        }

        // Rejected on every platform, so a catalog that loads here loads everywhere.
        if (file.Contains('\\', StringComparison.Ordinal))
        {
            return $"file '{file}' contains '\\'; use '/' as the separator";
        }

        if (file.StartsWith('/') || Path.IsPathRooted(file) || (file.Length >= 2 && file[1] == ':'))
        {
            return $"file '{file}' is absolute; it must be relative to the CSV's folder";
        }

        foreach (var segment in file.Split('/'))
        {
            if (segment == "..")
            {
                return $"file '{file}' contains '..'; paths may not leave the CSV's folder";
            }

            if (segment.Length == 0)
            {
                return $"file '{file}' contains an empty path segment";
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a validated relative path under <paramref name="root"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The result would lie outside <paramref name="root"/>.</exception>
    public static string Resolve(string root, string file)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(fullRoot, file.Replace('/', Path.DirectorySeparatorChar)));
        // Defense in depth: Validate already rules out "..", but a CatalogRow can be built by hand.
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Path '{file}' leaves '{fullRoot}'.", nameof(file));
        }

        return full;
    }
}
