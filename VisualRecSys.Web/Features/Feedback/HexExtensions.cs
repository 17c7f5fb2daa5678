namespace VisualRecSys.Web.Features.Feedback;

internal static class HexExtensions
{
    /// <summary>True when every character is 0–9 or a–f (the form our SHA-256 query hashes take).</summary>
    public static bool ContainsOnlyHexLowercase(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
