namespace VisualRecSys.Web.Api;

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
        error = Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid query parameter '{name}'",
            detail: $"'{name}' must be a whole number from {min} to {max}; got '{raw}'.");
        return false;
    }
}
