using System.Globalization;
using CsvHelper;

namespace VisualRecSys.Web.Features.Feedback;

/// <summary>
/// Writes labels as CSV (RFC 4180: comma separated, CRLF, fields quoted when they hold a comma, quote or line break,
/// quotes doubled), UTF-8 without a byte order mark, one header row. Text that a spreadsheet would run as a formula
/// (starting with <c>= + - @</c>, tab or CR) is prefixed with <c>'</c>: category names and user keys come from outside.
/// </summary>
public static class FeedbackCsv
{
    /// <summary>The content type of the export.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The header row's columns.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "updated_at", "created_at", "query_key", "query_product_id", "query_category",
        "result_product_id", "result_category", "label", "index_build_id", "model_id", "user_key",
    ];

    private static readonly CsvWriterOptions s_options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = false,
    };

    /// <summary>Writes the header and <paramref name="rows"/> to <paramref name="destination"/>, which stays open.</summary>
    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<FeedbackRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(rows);
        await using var csv = CsvWriter.Create(destination, s_options, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await csv.WriteRecordAsync(Fields(row), ct);
        }

        await csv.FlushAsync(ct);
    }

    private static string?[] Fields(FeedbackRow row) =>
    [
        Number(row.Id),
        Instant(row.UpdatedAt),
        Instant(row.CreatedAt),
        row.QueryKey,
        row.QueryProductId is int query ? Number(query) : null,
        row.QueryCategory,
        Number(row.ResultProductId),
        row.ResultCategory,
        FeedbackFilter.LabelWord(row.Label),
        row.IndexBuildId is int build ? Number(build) : null,
        row.ModelId,
        row.UserKey,
    ];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    // ISO 8601 in UTC, to the second: sorts as text and every spreadsheet reads it.
    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
