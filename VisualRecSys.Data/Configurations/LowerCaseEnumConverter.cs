using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VisualRecSys.Data.Configurations;

/// <summary>Stores an enum as its lower-case name (<see cref="EnumNames"/>) in a TEXT column.</summary>
/// <remarks>
/// Names rather than numbers keep the rows readable and the values the app stored before these were enums
/// (<c>"ready"</c>, <c>"completed"</c>) valid. EF converts the constants of a query too, so
/// <c>b.Status == IndexBuildStatus.Ready</c> becomes <c>"Status" = 'ready'</c>. Reading a name that is no member throws
/// (naming the value and the allowed ones) rather than guessing.
/// </remarks>
/// <typeparam name="TEnum">The enum stored.</typeparam>
internal sealed class LowerCaseEnumConverter<TEnum> : ValueConverter<TEnum, string>
    where TEnum : struct, Enum
{
    public LowerCaseEnumConverter()
        : base(value => value.ToLowerName(), name => EnumNames.FromLowerName<TEnum>(name))
    {
    }

    /// <summary>The SQL of a check constraint that allows only the members' names: <c>"Status" IN ('running', 'ready')</c>.</summary>
    /// <param name="column">The column's name.</param>
    public static string CheckSql(string column) =>
        $"\"{column}\" IN ({string.Join(", ", EnumNames.LowerNames<TEnum>().Select(name => $"'{name}'"))})";
}
