using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VisualRecSys.Engine.Models;

/// <summary>
/// A model id read for what it says: the backbone it runs on, the head on that backbone if any, and, for the id of an
/// embeddings store, which derived store of the model it names. For reasoning only: ids are stored and sent as strings
/// (<see cref="ToString"/> gives back exactly the parsed text).
/// </summary>
/// <remarks>
/// The grammar (ordinal, case-sensitive):
/// <code>
/// store id    = model id [ ".mirror" | ".edited-" seed ]     the model's vectors of mirrored images, or of edited copies
/// model id    = backbone id [ ".head-" 12 lower-case hex ]   a trained head on the backbone (HeadFile's checksum)
/// backbone id = letter or digit, then letters, digits, '.', '-', '_' (at most 80), naming no head or derived store
/// </code>
/// The registry's backbone ids are <c>&lt;name&gt;-&lt;12 hex digits&gt;</c> (<c>resnet18-87e69d62a91a</c>), but embedders of
/// tests and synthetic catalogs choose their own, so the backbone's hash is not required.
/// </remarks>
public readonly record struct ModelId
{
    /// <summary>What separates the backbone id from the head's hash in a head model id.</summary>
    public const string HeadMarker = ".head-";

    /// <summary>Suffix of the store id under which a model's vectors of mirrored images are kept.</summary>
    public const string MirroredSuffix = ".mirror";

    /// <summary>What separates the model id from the seed in the store id of a model's vectors of edited copies.</summary>
    public const string EditedMarker = ".edited-";

    /// <summary>Hex digits of a head's hash.</summary>
    public const int HeadHashDigits = 12;

    /// <summary>Longest backbone id: a model name (64) and its hash, with room to spare.</summary>
    public const int MaxBackboneLength = 80;

    private readonly string _value;
    private readonly int _backboneLength;
    private readonly int _modelLength;

    private ModelId(string value, int backboneLength, int modelLength, ModelStore store, int editSeed)
    {
        _value = value;
        _backboneLength = backboneLength;
        _modelLength = modelLength;
        Store = store;
        EditSeed = store == ModelStore.Edited ? editSeed : null;
    }

    /// <summary>The backbone the model runs on (itself for a backbone's own store).</summary>
    public ModelId Backbone => new((_value ?? "")[.._backboneLength], _backboneLength, _backboneLength, ModelStore.Model, 0);

    /// <summary>Whether the model is a trained head on <see cref="Backbone"/>.</summary>
    public bool IsHead => _modelLength > _backboneLength;

    /// <summary>The head's hash (12 lower-case hex digits), or null for a backbone.</summary>
    public string? HeadHash => IsHead ? _value[(_backboneLength + HeadMarker.Length).._modelLength] : null;

    /// <summary>The model the vectors are of (a backbone, or a head on one): the id without its store suffix.</summary>
    public ModelId Model => new((_value ?? "")[.._modelLength], _backboneLength, _modelLength, ModelStore.Model, 0);

    /// <summary>Which of the model's stores the id names.</summary>
    public ModelStore Store { get; }

    /// <summary>Whether the id names a store derived from the model's own (mirror images, edited copies).</summary>
    public bool IsDerivedStore => Store != ModelStore.Model;

    /// <summary>Whether the id names the store of the model's vectors of mirrored images.</summary>
    public bool IsMirrored => Store == ModelStore.Mirrored;

    /// <summary>The seed of the edited copies for <see cref="ModelStore.Edited"/>, otherwise null.</summary>
    public int? EditSeed { get; }

    /// <summary>Reads <paramref name="value"/>.</summary>
    /// <exception cref="FormatException"><paramref name="value"/> is not a model id; the message says which part is wrong.</exception>
    public static ModelId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id, out var error) ? id : throw new FormatException($"'{value}' is not a model id: {error}.");
    }

    /// <summary>
    /// Reads <paramref name="value"/>; false for null or a malformed id. A configured model's name (<c>resnet18</c>) reads
    /// as a backbone id: the grammar cannot tell them apart, so ask <see cref="NamesHead"/> or the registry which it is.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ModelId id) => TryParse(value, out id, out _);

    /// <summary>
    /// Whether <paramref name="value"/> is the id of a head model (not a backbone, not a derived store, not malformed).
    /// </summary>
    public static bool NamesHead([NotNullWhen(true)] string? value) => TryParse(value, out var id) && id.IsHead && !id.IsDerivedStore;

    /// <summary>The id as stored and sent.</summary>
    public override string ToString() => _value ?? "";

    private static bool TryParse(string? value, out ModelId id, out string error)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            error = "it is empty";
            return false;
        }

        var (store, seed, modelLength) = ReadStore(value, out error);
        if (modelLength < 0)
        {
            return false;
        }

        var backboneLength = ReadHead(value, modelLength, out error);
        if (backboneLength < 0)
        {
            return false;
        }

        if (!IsBackbone(value.AsSpan(0, backboneLength), out error))
        {
            return false;
        }

        id = new ModelId(value, backboneLength, modelLength, store, seed);
        error = "";
        return true;
    }

    // The store suffix, read from the end: returns the length of the model id before it, or -1.
    private static (ModelStore Store, int Seed, int ModelLength) ReadStore(string value, out string error)
    {
        error = "";
        if (value.EndsWith(MirroredSuffix, StringComparison.Ordinal))
        {
            return (ModelStore.Mirrored, 0, value.Length - MirroredSuffix.Length);
        }

        var edited = value.LastIndexOf(EditedMarker, StringComparison.Ordinal);
        if (edited < 0)
        {
            return (ModelStore.Model, 0, value.Length);
        }

        var seedText = value.AsSpan(edited + EditedMarker.Length);
        if (!int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed)
            || seed.ToString(CultureInfo.InvariantCulture) != seedText.ToString())
        {
            // Only the form ImageViews.EditedStoreId writes: no leading zeros, no '+', nothing after the number.
            error = $"'{EditedMarker}' must be followed by the seed, an integer";
            return (ModelStore.Edited, 0, -1);
        }

        return (ModelStore.Edited, seed, edited);
    }

    // The head part, read from the end of the model id: returns the length of the backbone id before it, or -1.
    private static int ReadHead(string value, int modelLength, out string error)
    {
        error = "";
        var marker = value.AsSpan(0, modelLength).LastIndexOf(HeadMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return modelLength;
        }

        var hash = value.AsSpan(marker + HeadMarker.Length, modelLength - marker - HeadMarker.Length);
        if (hash.Length != HeadHashDigits || hash.ContainsAnyExcept(LowerHex))
        {
            error = $"'{HeadMarker}' must be followed by the head's {HeadHashDigits} lower-case hex digits";
            return -1;
        }

        return marker;
    }

    private static bool IsBackbone(ReadOnlySpan<char> backbone, out string error)
    {
        error = "";
        if (backbone.IsEmpty)
        {
            error = "the backbone id is missing";
        }
        else if (backbone.Length > MaxBackboneLength)
        {
            error = $"the backbone id is longer than {MaxBackboneLength} characters";
        }
        else if (!char.IsAsciiLetterOrDigit(backbone[0]) || backbone.ContainsAnyExcept(BackboneCharacters))
        {
            error = "the backbone id must start with a letter or digit and hold only letters, digits, '.', '-' and '_'";
        }
        else if (backbone.Contains(HeadMarker, StringComparison.Ordinal) || backbone.Contains(EditedMarker, StringComparison.Ordinal)
                 || backbone.EndsWith(MirroredSuffix, StringComparison.Ordinal))
        {
            // A head on a head, or on a derived store, is nothing the engine makes.
            error = "only one head part and one store suffix, in that order, may follow the backbone id";
        }

        return error.Length == 0;
    }

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly System.Buffers.SearchValues<char> BackboneCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");
}
