using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VisualRecSys.Data.Configurations;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as its UTC ticks in an INTEGER column.
/// </summary>
/// <remarks>
/// SQLite has no date type: EF Core's default TEXT representation cannot be ordered or compared
/// in SQL (EF refuses to translate ORDER BY on it). UTC ticks sort chronologically whatever the
/// original offset and keep the full precision; values are read back with offset zero.
/// </remarks>
internal sealed class DateTimeOffsetToUtcTicksConverter : ValueConverter<DateTimeOffset, long>
{
    public DateTimeOffsetToUtcTicksConverter()
        : base(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
    {
    }
}
