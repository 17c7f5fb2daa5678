using System.Globalization;
using VisualRecSys.Data.Catalog;

namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>
/// Reads DeepFashion's list files: line 1 the number of entries, line 2 the column names, then one entry per line
/// with its fields separated by runs of spaces.
/// </summary>
internal static class DeepFashionListFile
{
    /// <summary>One entry: its 1-based line number and its fields.</summary>
    public readonly record struct Line(int Number, string[] Fields);

    /// <summary>Reads the entries of <paramref name="path"/>, checking the header and the declared count.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CatalogFormatException">The count line, the header or the number of entries is wrong, or an entry has too few fields.</exception>
    public static List<Line> Read(string path, params string[] columns)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"DeepFashion annotation file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path);
        var countText = reader.ReadLine();
        if (!int.TryParse(countText, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var declared))
        {
            throw new CatalogFormatException(path, 1, $"expected the number of entries, found '{countText}'");
        }

        var header = Split(reader.ReadLine());
        if (!header.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new CatalogFormatException(path, 2, $"expected the header '{string.Join("  ", columns)}', found '{string.Join("  ", header)}'");
        }

        var lines = new List<Line>(Math.Min(declared, 1 << 20));
        var number = 2;
        while (reader.ReadLine() is { } text)
        {
            number++;
            var fields = Split(text);
            if (fields.Length == 0)
            {
                continue;
            }

            if (fields.Length < columns.Length)
            {
                throw new CatalogFormatException(path, number, $"expected {columns.Length} fields ({string.Join(", ", columns)}), found {fields.Length}");
            }

            lines.Add(new Line(number, fields));
        }

        if (lines.Count != declared)
        {
            throw new CatalogFormatException(path, 1, $"declares {declared} entries but holds {lines.Count}; the file may be truncated");
        }

        return lines;
    }

    private static string[] Split(string? line) =>
        line?.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
