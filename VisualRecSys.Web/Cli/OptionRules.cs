using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// Range checks for numeric options: a value out of range is bad usage (a parse error, exit code 2), not a refusal. A
/// value that is not a number at all is System.CommandLine's own parse error; these checks then stay quiet.
/// </summary>
internal static class OptionRules
{
    /// <summary>Requires <paramref name="option"/>'s value to be at least <paramref name="minimum"/>.</summary>
    public static Option<int> AtLeast(this Option<int> option, int minimum) => option.Checked(n => n < minimum, $"at least {minimum}");

    /// <summary>Requires <paramref name="option"/>'s value, when given, to be at least <paramref name="minimum"/>.</summary>
    public static Option<int?> AtLeast(this Option<int?> option, int minimum) => option.Checked(n => n < minimum, $"at least {minimum}");

    /// <summary>Requires <paramref name="option"/>'s value to be between <paramref name="minimum"/> and <paramref name="maximum"/>.</summary>
    public static Option<int> Between(this Option<int> option, int minimum, int maximum) =>
        option.Checked(n => n < minimum || n > maximum, $"between {minimum} and {maximum}");

    /// <summary>Requires <paramref name="option"/>'s value, when given, to be between <paramref name="minimum"/> and <paramref name="maximum"/>.</summary>
    public static Option<int?> Between(this Option<int?> option, int minimum, int maximum) =>
        option.Checked(n => n < minimum || n > maximum, $"between {minimum} and {maximum}");

    private static Option<T> Checked<T>(this Option<T> option, Func<int, bool> outOfRange, string range)
    {
        option.Validators.Add(result =>
        {
            if (ValueOf<T>(result) is int n && outOfRange(n))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be {range}; got {n}."));
            }
        });
        return option;
    }

    /// <summary>The option's number, or null when it has none or its text is not a number (already a parse error).</summary>
    private static int? ValueOf<T>(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<T>() as int?;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
