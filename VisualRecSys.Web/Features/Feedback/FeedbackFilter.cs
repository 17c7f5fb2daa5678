using System.Globalization;

namespace VisualRecSys.Web.Features.Feedback;

/// <summary>
/// Which labels an analyst looks at: by the query's category, the label, the index build and model that served the
/// result, and the day the label was last given (UTC, both ends included). Unset parts do not filter.
/// The same query parameters drive the feedback page and <c>GET /api/quality/feedback.csv</c>.
/// </summary>
public sealed record FeedbackFilter
{
    public const string CategoryParameter = "category";
    public const string LabelParameter = "label";
    public const string BuildParameter = "build";
    public const string ModelParameter = "model";
    public const string FromParameter = "from";
    public const string ToParameter = "to";

    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>The query product's category (labels on uploaded-image queries have none and never match).</summary>
    public string? Category { get; init; }

    /// <summary>+1 (thumbs up) or −1 (thumbs down).</summary>
    public int? Label { get; init; }

    /// <summary>The index build that served the result.</summary>
    public int? BuildId { get; init; }

    /// <summary>The embedding model that served the result.</summary>
    public string? ModelId { get; init; }

    /// <summary>First day (UTC) the label was last given on.</summary>
    public DateOnly? From { get; init; }

    /// <summary>Last day (UTC) the label was last given on.</summary>
    public DateOnly? To { get; init; }

    /// <summary>The label as the API spells it: <c>up</c> or <c>down</c>.</summary>
    public static string LabelWord(int label) => label > 0 ? "up" : "down";

    /// <summary>Reads a filter from query parameters; empty values do not filter.</summary>
    /// <param name="value">Returns a parameter's value by name, or null.</param>
    /// <param name="filter">The filter, when every value is valid.</param>
    /// <param name="error">What is wrong, naming the parameter, when one is not.</param>
    public static bool TryParse(Func<string, string?> value, out FeedbackFilter filter, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        filter = new FeedbackFilter();
        error = null;

        int? label = Blank(value(LabelParameter)) switch
        {
            null => null,
            var s when s.Equals("up", StringComparison.OrdinalIgnoreCase) => 1,
            var s when s.Equals("down", StringComparison.OrdinalIgnoreCase) => -1,
            var s => Fail(ref error, $"'{LabelParameter}' must be \"up\" or \"down\"; got '{s}'."),
        };

        int? build = Blank(value(BuildParameter)) switch
        {
            null => null,
            var s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 => id,
            var s => Fail(ref error, $"'{BuildParameter}' must be an index build id (a positive whole number); got '{s}'."),
        };

        var from = ParseDate(value(FromParameter), FromParameter, ref error);
        var to = ParseDate(value(ToParameter), ToParameter, ref error);
        if (error is null && from > to)
        {
            error = $"'{FromParameter}' ({from:yyyy-MM-dd}) is after '{ToParameter}' ({to:yyyy-MM-dd}).";
        }

        filter = new FeedbackFilter
        {
            Category = Blank(value(CategoryParameter)),
            Label = label,
            BuildId = build,
            ModelId = Blank(value(ModelParameter)),
            From = from,
            To = to,
        };
        return error is null;
    }

    /// <summary>The filter as query parameters (null for unset parts), for links and the CSV export.</summary>
    public Dictionary<string, object?> ToQuery() => new()
    {
        [CategoryParameter] = Category,
        [LabelParameter] = Label is int label ? LabelWord(label) : null,
        [BuildParameter] = BuildId,
        [ModelParameter] = ModelId,
        [FromParameter] = From?.ToString(DateFormat, CultureInfo.InvariantCulture),
        [ToParameter] = To?.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    /// <summary>The filter as a query string (<c>?category=Bag&amp;label=up</c>, or empty when nothing filters).</summary>
    public string ToQueryString()
    {
        var parts = ToQuery()
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(Convert.ToString(p.Value, CultureInfo.InvariantCulture)!)}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? Fail(ref string? error, string message)
    {
        error ??= message;
        return null;
    }

    private static DateOnly? ParseDate(string? raw, string name, ref string? error)
    {
        if (Blank(raw) is not { } s)
        {
            return null;
        }

        if (DateOnly.TryParseExact(s, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        error ??= $"'{name}' must be a date as {DateFormat}; got '{s}'.";
        return null;
    }
}
