using System.Text.Json;
using System.Text.RegularExpressions;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Infrastructure.Security;

/// <summary>Secrets come from configuration (environment, user secrets, a vault), never from the repository.</summary>
public sealed partial class SecretsTests
{
    private static readonly string[] s_sourcePatterns = ["*.cs", "*.razor", "*.json", "*.sh", "*.props", "*.targets", "*.config", "*.md"];
    private static readonly string[] s_skippedFolders = ["bin", "obj", ".git", "node_modules", "data", "wwwroot-assets"];

    [Fact]
    public void No_appsettings_file_gives_a_secret_a_value()
    {
        var files = Directory.GetFiles(Path.Combine(TestCatalog.RepositoryRoot, "VisualRecSys.Web"), "appsettings*.json");
        Assert.NotEmpty(files);
        var found = new List<string>();
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            Walk(document.RootElement, Path.GetFileName(file), found);
        }

        Assert.True(found.Count == 0, "secrets in appsettings: " + string.Join(", ", found));
    }

    [Fact]
    public void No_source_file_holds_a_key_or_a_password()
    {
        var found = new List<string>();
        foreach (var file in SourceFiles(TestCatalog.RepositoryRoot))
        {
            var text = File.ReadAllText(file);
            if (SecretLiteral().Match(text) is { Success: true } match)
            {
                found.Add($"{Path.GetRelativePath(TestCatalog.RepositoryRoot, file)}: {match.Value[..Math.Min(40, match.Value.Length)]}");
            }
        }

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    private static void Walk(JsonElement element, string path, List<string> found)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var key = $"{path}:{property.Name}";
            if (SecretKey().IsMatch(property.Name) && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 })
            {
                found.Add(key);
            }

            Walk(property.Value, key, found);
        }
    }

    private static IEnumerable<string> SourceFiles(string directory)
    {
        foreach (var pattern in s_sourcePatterns)
        {
            foreach (var file in Directory.EnumerateFiles(directory, pattern))
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            if (!s_skippedFolders.Contains(Path.GetFileName(child), StringComparer.OrdinalIgnoreCase))
            {
                foreach (var file in SourceFiles(child))
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex("password|passwd|secret|token|api[-_]?key|connectionstring|private[-_]?key|client[-_]?secret", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();

    // Private keys, cloud access keys, and passwords written into connection strings (the key, "=", the value, ";" — not C#
    // assignments such as `var password = form["Password"]`, which read a password rather than hold one).
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|\b(Password|Pwd)=[^;""'\s{}()\[\]]+(;|"")", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLiteral();
}
