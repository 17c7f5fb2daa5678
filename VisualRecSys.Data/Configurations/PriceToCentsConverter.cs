using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace VisualRecSys.Data.Configurations;

/// <summary>Stores a price as whole cents in an INTEGER column.</summary>
/// <remarks>
/// EF Core's SQLite provider stores <see cref="decimal"/> as TEXT, which SQLite compares as strings ("10.00" sorts
/// before "9.00"), and it refuses to translate ORDER BY or comparisons on it; REAL would make 0.1 + 0.2 inexact.
/// Cents in an INTEGER sort, compare and sum exactly in SQL, and the conversion is monotonic, so EF translates
/// <c>p.Price &lt; 20m</c> into <c>PriceCents &lt; 2000</c>. The cost is two decimal places: a price with a fraction of a
/// cent is refused rather than silently rounded (catalog readers check this first and name the row).
/// </remarks>
internal sealed class PriceToCentsConverter : ValueConverter<decimal, long>
{
    public PriceToCentsConverter()
        : base(price => ToCents(price), cents => cents / 100m)
    {
    }

    /// <summary>The price in cents; throws if it has a fraction of a cent or does not fit.</summary>
    public static long ToCents(decimal price)
    {
        var cents = price * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "Prices are stored in whole cents; this one has a fraction of a cent.");
        }

        return decimal.ToInt64(cents);
    }
}
