using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace VisualRecSys.Data.Importing.Vectors;

/// <summary>
/// The ids file of imported vectors: a one-column CSV whose header is <c>id</c> (product ids) or <c>source_key</c>
/// (products' source keys), then one line per row of the vector file, in the same order. Read whole and checked (no
/// blanks, no duplicates) before anything is written, then resolved to product ids (<see cref="ResolveAsync"/>).
/// </summary>
public sealed class VectorIdsFile
{
    /// <summary>Header naming product ids.</summary>
    public const string IdHeader = "id";

    /// <summary>Header naming source keys.</summary>
    public const string SourceKeyHeader = "source_key";

    /// <summary>Unknown ids listed in a refusal; beyond these only their number is given.</summary>
    private const int ListedUnknown = 5;

    private readonly string[] _keys;

    private VectorIdsFile(string path, VectorRowKey key, string[] keys)
    {
        Path = path;
        Key = key;
        _keys = keys;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>What its values are.</summary>
    public VectorRowKey Key { get; }

    /// <summary>Rows it names.</summary>
    public int Count => _keys.Length;

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">A bad header, a blank, malformed or repeated value; the message names the line.</exception>
    public static VectorIdsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var header = Unquote(reader.ReadLine() ?? "");
        var key = header.ToLowerInvariant() switch
        {
            IdHeader => VectorRowKey.ProductId,
            SourceKeyHeader => VectorRowKey.SourceKey,
            _ => throw Bad(path, 1, $"the header is '{header}'; it must be '{IdHeader}' (product ids) or '{SourceKeyHeader}' (source keys), one column"),
        };

        var keys = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var value = Unquote(text);
            if (value.Length == 0)
            {
                // A trailing newline leaves an empty last line: only blanks inside are an error.
                if (reader.Peek() < 0)
                {
                    break;
                }

                throw Bad(path, line, "a blank line; every row of the vector file needs its product");
            }

            if (key == VectorRowKey.ProductId)
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    throw Bad(path, line, $"'{value}' is not a product id");
                }

                // One spelling per id, so "07" and "7" are the same product.
                value = id.ToString(CultureInfo.InvariantCulture);
            }

            if (!firstLine.TryAdd(value, line))
            {
                throw Bad(path, line, $"{Describe(key)} {value} is given twice (first on line {firstLine[value]}); one vector per product");
            }

            keys.Add(value);
        }

        if (keys.Count == 0)
        {
            throw Bad(path, line, "it names no rows");
        }

        return new VectorIdsFile(path, key, [.. keys]);
    }

    /// <summary>
    /// The product id of each row, in order. Every value must name an existing product.
    /// </summary>
    /// <exception cref="InvalidDataException">Some values name no product; the message gives how many and the first few.</exception>
    public async Task<int[]> ResolveAsync(VisualRecSysDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = new int[_keys.Length];
        var unknown = new List<string>();
        var unknownCount = 0;
        if (Key == VectorRowKey.ProductId)
        {
            var existing = (await db.Products.AsNoTracking().Select(p => p.Id).ToListAsync(ct)).ToHashSet();
            for (var i = 0; i < _keys.Length; i++)
            {
                ids[i] = int.Parse(_keys[i], CultureInfo.InvariantCulture);
                if (!existing.Contains(ids[i]))
                {
                    Unknown(_keys[i]);
                }
            }
        }
        else
        {
            var bySourceKey = (await db.Products.AsNoTracking().Where(p => p.SourceKey != null)
                    .Select(p => new { p.Id, p.SourceKey }).ToListAsync(ct))
                .ToDictionary(p => p.SourceKey!, p => p.Id, StringComparer.Ordinal);
            for (var i = 0; i < _keys.Length; i++)
            {
                if (bySourceKey.TryGetValue(_keys[i], out var id))
                {
                    ids[i] = id;
                }
                else
                {
                    Unknown(_keys[i]);
                }
            }
        }

        if (unknownCount > 0)
        {
            var more = unknownCount > unknown.Count ? ", ..." : "";
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{Path}: {unknownCount:N0} of {_keys.Length:N0} {Describe(Key)}s name no product ({string.Join(", ", unknown)}{more}); import the products first, nothing was imported"));
        }

        return ids;

        void Unknown(string key)
        {
            unknownCount++;
            if (unknown.Count < ListedUnknown)
            {
                unknown.Add(key);
            }
        }
    }

    private static string Describe(VectorRowKey key) => key == VectorRowKey.ProductId ? "product id" : "source key";

    // Values never need quoting, but spreadsheets quote anyway.
    private static string Unquote(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim() : trimmed;
    }

    private static InvalidDataException Bad(string path, int line, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}, line {line}: {why}."));
}
