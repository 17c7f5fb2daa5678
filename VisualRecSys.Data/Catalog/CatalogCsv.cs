using System.Globalization;
using CsvHelper;

namespace VisualRecSys.Data.Catalog;

/// <summary>
/// Reads and writes catalog CSV files: header <c>id,title,category,split,file</c> (the demo catalog's), plus an
/// optional <c>price</c> column, <c>split</c> optional too; UTF-8, comma separated.
/// </summary>
public static class CatalogCsv
{
    private const string IdColumn = "id";
    private const string TitleColumn = "title";
    private const string CategoryColumn = "category";
    private const string SplitColumn = "split";
    private const string FileColumn = "file";
    private const string PriceColumn = "price";

    /// <summary>The longest split word accepted; splits are short tags such as <c>train</c>.</summary>
    public const int MaxSplitLength = 32;

    /// <summary>The largest price accepted.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    private static readonly string[] s_columns = [IdColumn, TitleColumn, CategoryColumn, SplitColumn, FileColumn];
    private static readonly string[] s_requiredColumns = [IdColumn, TitleColumn, CategoryColumn, FileColumn];
    private static readonly string[] s_knownColumns = [.. s_columns, PriceColumn];

    private static readonly CsvReaderOptions s_readerOptions = CsvReaderOptions.Default with
    {
        // Fixed rather than detected: a one-column file or a title full of ';' must not change the separator.
        Separator = ',',
        DetectSeparatorHint = false,
        HasHeader = true,
        SkipEmptyLines = true,
        // Error messages name the line, as an editor shows it.
        TrackLineNumbers = true,
        // A stray quote is a broken file, not something to guess around.
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    private static readonly CsvWriterOptions s_writerOptions = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        WriteByteOrderMark = false,
    };

    /// <summary>Reads and validates every row of the catalog CSV at <paramref name="csvPath"/>.</summary>
    /// <remarks>
    /// Columns are found by header name (any order; extra columns are ignored); <c>id</c>, <c>title</c>, <c>category</c>
    /// and <c>file</c> are required, <c>split</c> and <c>price</c> optional. Each row must have a positive integer id that
    /// is unique in the file, a non-empty title, category and file, and a file path that is relative, '/' separated and
    /// free of <c>..</c>. An empty or missing split is <c>catalog</c>; a given one is lowercased and must be a word of
    /// letters, digits, '-' or '_' (at most <see cref="MaxSplitLength"/> characters). An empty or missing price is none; a
    /// given one is a non-negative number with '.' as the decimal point and at most two decimals, such as <c>19.99</c>.
    /// </remarks>
    /// <param name="csvPath">Path of the CSV file.</param>
    /// <returns>The rows, in file order.</returns>
    /// <exception cref="CatalogFormatException">The file breaks one of the rules above; the message names the file and line.</exception>
    /// <exception cref="FileNotFoundException"><paramref name="csvPath"/> does not exist.</exception>
    /// <exception cref="ArgumentException"><paramref name="csvPath"/> is null, empty or white space.</exception>
    public static IReadOnlyList<CatalogRow> Read(string csvPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);

        using var csv = CsvReader.FromFile(csvPath, s_readerOptions, FileOptions.SequentialScan);
        var rows = new List<CatalogRow>();
        var lineById = new Dictionary<int, int>();
        try
        {
            var indexes = FindColumns(csvPath, csv.Headers);
            while (csv.Read())
            {
                var line = checked((int)csv.LineNumber);
                var row = ParseRow(csvPath, line, csv, indexes);
                if (!lineById.TryAdd(row.Id, line))
                {
                    throw new CatalogFormatException(csvPath, line, $"duplicate id {row.Id} (first used on line {lineById[row.Id]})");
                }

                rows.Add(row);
            }
        }
        catch (CsvFormatException ex)
        {
            // Malformed quoting and the like: keep CsvHelper's detail but lead with our location.
            int? line = ex.LineNumber > 0 ? checked((int)ex.LineNumber) : null;
            throw new CatalogFormatException(csvPath, line, "the CSV is malformed: " + ex.Message, ex);
        }

        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> as a catalog CSV (UTF-8 without BOM, '\n' line ends) with the standard header.</summary>
    /// <remarks>
    /// The file is written under a temporary name and then moved into place, so readers never see a
    /// half-written catalog. The folder is created if needed. Rows are not validated. A <c>price</c> column
    /// is added when some row has a price.
    /// </remarks>
    /// <param name="csvPath">Path of the CSV file; replaced if it exists.</param>
    /// <param name="rows">The rows to write, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="csvPath"/> is null, empty or white space.</exception>
    public static void Write(string csvPath, IEnumerable<CatalogRow> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(csvPath);
        ArgumentNullException.ThrowIfNull(rows);

        var fullPath = Path.GetFullPath(csvPath);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var tempPath = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var csv = CsvWriter.ToFile(tempPath, s_writerOptions, FileOptions.None))
            {
                var list = rows as IReadOnlyCollection<CatalogRow> ?? rows.ToList();
                // The price column only when there are prices, so catalogs without them keep the demo catalog's header.
                var withPrice = list.Any(r => r.Price is not null);
                csv.WriteHeader(withPrice ? [.. s_columns, PriceColumn] : s_columns);
                foreach (var row in list)
                {
                    string[] fields = [row.Id.ToString(CultureInfo.InvariantCulture), row.Title, row.Category, row.Split, row.File];
                    csv.WriteRecord(withPrice ? [.. fields, row.Price?.ToString(CultureInfo.InvariantCulture) ?? ""] : fields);
                }
            }

            File.Move(tempPath, fullPath, overwrite: true);
        }
        finally
        {
            // Nothing left to delete after the move; removes the partial file after a failure.
            File.Delete(tempPath);
        }
    }

    private static Dictionary<string, int> FindColumns(string csvPath, IReadOnlyList<string> header)
    {
        if (header.Count == 0)
        {
            throw new CatalogFormatException(csvPath, null, $"the file is empty; expected a header such as '{string.Join(',', s_columns)}'");
        }

        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            if (s_knownColumns.Contains(name) && !indexes.TryAdd(name, i))
            {
                throw new CatalogFormatException(csvPath, 1, $"column '{name}' appears twice in the header");
            }
        }

        var missing = s_requiredColumns.Where(c => !indexes.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new CatalogFormatException(
                csvPath,
                1,
                $"missing header column(s) {string.Join(", ", missing.Select(c => $"'{c}'"))}; expected '{string.Join(',', s_columns)}' (split and an extra price column optional)");
        }

        return indexes;
    }

    private static CatalogRow ParseRow(string csvPath, int line, CsvReader csv, Dictionary<string, int> indexes)
    {
        string? OptionalField(string column) => indexes.ContainsKey(column) ? Field(column) : null;

        string Field(string column)
        {
            var index = indexes[column];
            if (index >= csv.FieldCount)
            {
                throw new CatalogFormatException(
                    csvPath, line, $"expected at least {indexes.Values.Max() + 1} fields but found {csv.FieldCount}");
            }

            return csv.GetString(index);
        }

        var idText = Field(IdColumn);
        if (!int.TryParse(idText, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
        {
            throw new CatalogFormatException(csvPath, line, $"id '{idText}' is not an integer");
        }

        if (id <= 0)
        {
            throw new CatalogFormatException(csvPath, line, $"id {id} is not positive");
        }

        var title = Field(TitleColumn);
        var category = Field(CategoryColumn);
        var split = ParseSplit(csvPath, line, id, OptionalField(SplitColumn));
        var price = ParsePrice(csvPath, line, id, OptionalField(PriceColumn));
        var file = Field(FileColumn);
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new CatalogFormatException(csvPath, line, $"title is empty (id {id})");
        }

        if (string.IsNullOrWhiteSpace(category))
        {
            throw new CatalogFormatException(csvPath, line, $"category is empty (id {id})");
        }

        if (CatalogPath.Validate(file) is { } problem)
        {
            throw new CatalogFormatException(csvPath, line, $"{problem} (id {id})");
        }

        return new CatalogRow(id, title, category, split, file, price);
    }

    private static string ParseSplit(string csvPath, int line, int id, string? text)
    {
        var split = text?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(split))
        {
            return CatalogSplit.Catalog;
        }

        if (split.Length > MaxSplitLength || !split.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new CatalogFormatException(
                csvPath, line, $"split '{text}' is not a word of at most {MaxSplitLength} letters, digits, '-' or '_' (id {id})");
        }

        return split;
    }

    private static decimal? ParsePrice(string csvPath, int line, int id, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Invariant culture, no thousands separators: "1,299.00" in a comma-separated file is a quoting accident waiting to happen.
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var price))
        {
            throw new CatalogFormatException(csvPath, line, $"price '{text}' is not a non-negative number such as 19.99 (id {id})");
        }

        if (price != decimal.Round(price, 2))
        {
            throw new CatalogFormatException(csvPath, line, $"price '{text}' has more than two decimals (id {id})");
        }

        // Prices are stored as cents in a 64-bit integer; anything near that is a data error anyway.
        if (price > MaxPrice)
        {
            throw new CatalogFormatException(csvPath, line, $"price '{text}' is larger than {MaxPrice.ToString(CultureInfo.InvariantCulture)} (id {id})");
        }

        return price;
    }
}
