using VisualRecSys.Web.Cli;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>What every CLI refusal must look like: exit code <see cref="CommandLineVerbs.Refused"/> and one line, no stack trace.</summary>
internal static class CliRefusals
{
    /// <returns>The refusal's one line.</returns>
    public static string AssertOneLine(int exit, string error)
    {
        Assert.True(exit == CommandLineVerbs.Refused, $"exit {exit}: {error}");
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {error}");
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error.Replace(" at the ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        return lines[0];
    }
}
