using System.Buffers;
using System.Text;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// Every product's id, category and title as plain arrays: ids sorted, titles as one UTF-8 block (and an ASCII-lower-cased
/// copy for title search). A dictionary of records per product was about 300 bytes each (600 MB and ten seconds to load
/// at 2M); this is about 45. Pages are positions in the sorted ids, so any page is found without an OFFSET scan.
/// </summary>
public sealed class ProductSnapshot
{
    // Between titles in the search block, so a match cannot span two titles (user text never contains it: see TitleNeedle).
    private const byte Separator = 0;

    private readonly int[] _ids;
    private readonly int[] _categoryOf;
    private readonly string[] _categories;
    private readonly int[][] _idsByCategory;
    private readonly byte[] _titles;
    private readonly byte[] _lowerTitles;
    private readonly int[] _titleStarts;

    private ProductSnapshot(int[] ids, int[] categoryOf, string[] categories, int[][] idsByCategory, byte[] titles, byte[] lowerTitles,
        int[] titleStarts, CatalogFingerprint fingerprint, DateTime loadedAt)
    {
        _ids = ids;
        _categoryOf = categoryOf;
        _categories = categories;
        _idsByCategory = idsByCategory;
        _titles = titles;
        _lowerTitles = lowerTitles;
        _titleStarts = titleStarts;
        Fingerprint = fingerprint;
        LoadedAt = loadedAt;
        Categories = [.. categories.Where((_, c) => idsByCategory[c].Length > 0)];
    }

    /// <summary>When the snapshot was loaded or last found current.</summary>
    public DateTime LoadedAt { get; }

    /// <summary>The product and hidden-product counts and highest ids it was loaded at.</summary>
    internal CatalogFingerprint Fingerprint { get; }

    /// <summary>Products in the store (those hidden as duplicates are not in the snapshot at all).</summary>
    public int Count => _ids.Length;

    /// <summary>Names of the categories that have products, ordinal order.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Bytes held by the arrays (what the snapshot costs in memory).</summary>
    public long Bytes => (4L * (_ids.Length + _categoryOf.Length + _titleStarts.Length + _idsByCategory.Sum(c => c.Length)))
        + _titles.Length + _lowerTitles.Length;

    /// <summary>The product with id <paramref name="id"/> as lists show it.</summary>
    public bool TryGet(int id, out ProductSummary product)
    {
        if (!TryRow(id, out var row))
        {
            product = null!;
            return false;
        }

        product = new ProductSummary(id, Title(row), _categories[_categoryOf[row]], ProductSummary.ImageUrlFor(id, ImageSizes.Card));
        return true;
    }

    /// <summary>Whether there is a product <paramref name="id"/>.</summary>
    public bool Contains(int id) => TryRow(id, out _);

    /// <summary>Accepts the ids of products of <paramref name="category"/> (none for an unknown one).</summary>
    public Func<int, bool> InCategory(string category)
    {
        var c = Array.BinarySearch(_categories, category, StringComparer.Ordinal);
        return c < 0 ? static _ => false : id => TryRow(id, out var row) && _categoryOf[row] == c;
    }

    /// <summary>
    /// What a search may answer: products in the store (not hidden as duplicates, not deleted since the index was built),
    /// of <paramref name="category"/> when one is given. Null when every indexed product may be answered (no category and
    /// nothing hidden), so the common search stays free of a per-candidate lookup.
    /// </summary>
    public Func<int, bool>? Searchable(string? category) =>
        category is not null ? InCategory(category) : Fingerprint.Hidden == 0 ? null : Contains;

    /// <summary>The sorted ids of <paramref name="category"/>'s products, or of all when null (empty for an unknown one).</summary>
    public ReadOnlySpan<int> IdsIn(string? category)
    {
        if (category is null)
        {
            return _ids;
        }

        var c = Array.BinarySearch(_categories, category, StringComparer.Ordinal);
        return c < 0 ? [] : _idsByCategory[c];
    }

    /// <summary>
    /// The sorted ids of the products of <paramref name="category"/> (all when null) whose title contains
    /// <paramref name="text"/>, case-insensitively for ASCII letters (as the database's lower() and LIKE did).
    /// </summary>
    public int[] IdsWithTitle(string text, string? category)
    {
        var needle = TitleNeedle(text);
        if (needle is null)
        {
            return [];
        }

        var c = category is null ? -1 : Array.BinarySearch(_categories, category, StringComparer.Ordinal);
        if (category is not null && c < 0)
        {
            return [];
        }

        var found = new List<int>();
        var block = _lowerTitles.AsSpan();
        var position = 0;
        while (position < block.Length)
        {
            var at = block[position..].IndexOf(needle);
            if (at < 0)
            {
                break;
            }

            // The row whose title holds the match: the last start at or before it.
            var row = Array.BinarySearch(_titleStarts, position + at);
            row = row >= 0 ? row : ~row - 1;
            if (c < 0 || _categoryOf[row] == c)
            {
                found.Add(_ids[row]);
            }

            position = _titleStarts[row + 1];
        }

        return [.. found];
    }

    /// <summary>The same snapshot, found current at <paramref name="now"/>.</summary>
    internal ProductSnapshot Renewed(DateTime now) =>
        new(_ids, _categoryOf, _categories, _idsByCategory, _titles, _lowerTitles, _titleStarts, Fingerprint, now);

    private bool TryRow(int id, out int row)
    {
        row = Array.BinarySearch(_ids, id);
        return row >= 0;
    }

    // The separator after each title is not part of it.
    private string Title(int row) => Encoding.UTF8.GetString(_titles, _titleStarts[row], _titleStarts[row + 1] - _titleStarts[row] - 1);

    private static byte[]? TitleNeedle(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(trimmed);
        LowerAscii(bytes);
        return bytes;
    }

    private static void LowerAscii(Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is >= (byte)'A' and <= (byte)'Z')
            {
                bytes[i] |= 0x20;
            }
        }
    }

    /// <summary>Collects products in id order and makes the snapshot.</summary>
    internal sealed class Builder
    {
        private readonly string[] _categories;
        private readonly Dictionary<int, int> _categoryIndex;
        private readonly List<int> _ids = [];
        private readonly List<int> _categoryOf = [];
        private readonly List<int> _titleStarts = [];
        private readonly ArrayBufferWriter<byte> _titles = new();

        /// <param name="categories">Category names by their database id.</param>
        public Builder(IReadOnlyDictionary<int, string> categories)
        {
            _categories = [.. categories.Values.Order(StringComparer.Ordinal)];
            _categoryIndex = categories.ToDictionary(c => c.Key, c => Array.BinarySearch(_categories, c.Value, StringComparer.Ordinal));
        }

        /// <summary>Adds a product; ids must come in increasing order.</summary>
        public void Add(int id, int categoryId, string title)
        {
            if (_ids.Count > 0 && id <= _ids[^1])
            {
                throw new InvalidOperationException("Products must be added in increasing id order.");
            }

            _ids.Add(id);
            _categoryOf.Add(_categoryIndex[categoryId]);
            _titleStarts.Add(_titles.WrittenCount);
            var length = Encoding.UTF8.GetByteCount(title);
            var span = _titles.GetSpan(length + 1);
            Encoding.UTF8.GetBytes(title, span);
            span[length] = Separator;
            _titles.Advance(length + 1);
        }

        public ProductSnapshot Build(CatalogFingerprint fingerprint, DateTime loadedAt)
        {
            _titleStarts.Add(_titles.WrittenCount);
            var ids = _ids.ToArray();
            var categoryOf = _categoryOf.ToArray();
            var perCategory = new int[_categories.Length][];
            var counts = new int[_categories.Length];
            foreach (var c in categoryOf)
            {
                counts[c]++;
            }

            for (var c = 0; c < perCategory.Length; c++)
            {
                perCategory[c] = new int[counts[c]];
                counts[c] = 0;
            }

            for (var row = 0; row < ids.Length; row++)
            {
                var c = categoryOf[row];
                perCategory[c][counts[c]++] = ids[row];
            }

            var titles = _titles.WrittenSpan.ToArray();
            var lower = titles.ToArray();
            LowerAscii(lower);
            return new ProductSnapshot(ids, categoryOf, _categories, perCategory, titles, lower, [.. _titleStarts], fingerprint, loadedAt);
        }
    }
}

/// <summary>
/// What changes when products are added, removed, hidden or shown again: the products' count and highest id, and the
/// hidden products' count and highest row id (rows are never renumbered, so hiding one and showing another changes it too).
/// </summary>
internal readonly record struct CatalogFingerprint(long Products, long MaxId, long Hidden, long LastHiddenRow);
