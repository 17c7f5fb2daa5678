using System.Text.Json;

namespace VisualRecSys.Bench;

/// <summary>Where a bench writes its report: indented JSON with a final newline, its folder created if need be.</summary>
internal static class BenchReportFile
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="report"/> as JSON to <paramref name="path"/> and returns the file's full path.</summary>
    public static string Write<T>(T report, string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, JsonSerializer.Serialize(report, s_json) + "\n");
        return fullPath;
    }
}
