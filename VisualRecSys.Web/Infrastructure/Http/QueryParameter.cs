namespace VisualRecSys.Web.Infrastructure.Http;

/// <summary>
/// Parses optional integer query parameters ourselves so a bad value gets a problem response that
/// names the parameter and its range, not the framework's bare 400.
/// </summary>
internal static class QueryParameter
{
    public static bool TryParseInt(string? raw, string name, int fallback, int min, int max, out int value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }
        if (int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max)
        {
            return true;
        }
        error = Invalid(name, $"'{name}' must be a whole number from {min} to {max}; got '{raw}'.");
        return false;
    }

    /// <summary>Like <see cref="TryParseInt"/>, but a missing value is refused too.</summary>
    public static bool TryParseRequiredInt(string? raw, string name, int min, int max, out int value, out IResult? error)
    {
        if (string.IsNullOrEmpty(raw))
        {
            value = 0;
            error = Invalid(name, $"'{name}' is required: a whole number from {min} to {max}.");
            return false;
        }

        return TryParseInt(raw, name, 0, min, max, out value, out error);
    }

    /// <summary>A 400 problem naming the parameter.</summary>
    public static IResult Invalid(string name, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Invalid query parameter '{name}'", detail: detail);
}
