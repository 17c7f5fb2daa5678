using System.Collections.Frozen;

namespace VisualRecSys.Data;

/// <summary>
/// The lower-case names of the data layer's enums (<see cref="IndexBuildStatus.Ready"/> is <c>"ready"</c>): the strings
/// the database stores and its check constraints allow, the JSON writes and the pages show.
/// </summary>
/// <remarks>
/// One rule, the member name in lower case, so that the stored values of databases written when these were string
/// constants still read back, and a new member needs no mapping beside it.
/// </remarks>
public static class EnumNames
{
    /// <summary>The lower-case name of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a named member of <typeparamref name="TEnum"/>.</exception>
    public static string ToLowerName<TEnum>(this TEnum value)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a named {typeof(TEnum).Name}.");

    /// <summary>The member whose lower-case name is <paramref name="name"/> (exactly: no other case, no number).</summary>
    /// <exception cref="InvalidOperationException">No member has that name, e.g. a stored value this version does not know.</exception>
    public static TEnum FromLowerName<TEnum>(string name)
        where TEnum : struct, Enum =>
        Names<TEnum>.ByName.TryGetValue(name, out var value)
            ? value
            : throw new InvalidOperationException(
                $"'{name}' is not a known {typeof(TEnum).Name}; expected one of: {string.Join(", ", LowerNames<TEnum>())}.");

    /// <summary>The lower-case names of every member of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> LowerNames<TEnum>()
        where TEnum : struct, Enum => Names<TEnum>.InOrder;

    /// <summary>Both directions, computed once per enum type.</summary>
    private static class Names<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly string[] InOrder = [.. Enum.GetValues<TEnum>().Select(v => v.ToString().ToLowerInvariant())];

        public static readonly FrozenDictionary<TEnum, string> ByValue =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => v.ToString().ToLowerInvariant());

        public static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v.ToString().ToLowerInvariant(), v => v, StringComparer.Ordinal);
    }
}
