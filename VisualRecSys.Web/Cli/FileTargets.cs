namespace VisualRecSys.Web.Cli;

/// <summary>Checks on the file paths verbs are given, made before any work so a wrong path costs nothing.</summary>
internal static class FileTargets
{
    /// <summary>
    /// Refuses a path that names a folder where a file is expected: .NET reports that as "Access to the path is denied"
    /// (or "Is a directory"), which sends the user looking for a permission problem, and only after the verb's work.
    /// </summary>
    /// <exception cref="IOException"><paramref name="file"/> is a folder.</exception>
    public static void RefuseFolder(FileInfo? file, string option)
    {
        if (file is not null && Directory.Exists(file.FullName))
        {
            throw new IOException($"{option} {file.FullName} is a folder; give the path of a file.");
        }
    }
}
