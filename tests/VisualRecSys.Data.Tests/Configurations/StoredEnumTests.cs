using System.Text.Json;
using System.Text.Json.Serialization;
using VisualRecSys.Data.Configurations;

namespace VisualRecSys.Data.Tests.Configurations;

/// <summary>
/// The kinds and statuses are enums stored, serialised and shown as the lower-case strings the app stored when they
/// were string constants: a database written then must still read, and the API must still say <c>"ready"</c>
/// (reading an unknown stored string: <see cref="UnknownStoredEnumTests"/>).
/// </summary>
public sealed class StoredEnumTests
{
    [Fact]
    public void Every_value_is_stored_as_the_string_of_before_and_read_back()
    {
        AssertRoundTrips<IndexBuildKind>(["forest"]);
        AssertRoundTrips<IndexBuildStatus>(["running", "ready", "failed"]);
        AssertRoundTrips<EvaluationRunStatus>(["running", "completed", "failed"]);
    }

    [Fact]
    public void The_check_constraints_allow_exactly_the_stored_strings()
    {
        Assert.Equal("\"Kind\" IN ('forest')", LowerCaseEnumConverter<IndexBuildKind>.CheckSql("Kind"));
        Assert.Equal("\"Status\" IN ('running', 'ready', 'failed')", LowerCaseEnumConverter<IndexBuildStatus>.CheckSql("Status"));
        Assert.Equal("\"Status\" IN ('running', 'completed', 'failed')", LowerCaseEnumConverter<EvaluationRunStatus>.CheckSql("Status"));
    }

    [Fact]
    public void An_unknown_string_is_refused_naming_it_and_the_known_ones()
    {
        var converter = new LowerCaseEnumConverter<IndexBuildStatus>();

        // "Ready" too: the stored form is exactly lower case, not any case.
        foreach (var stored in new[] { "done", "Ready", "1", "" })
        {
            var error = Assert.Throws<InvalidOperationException>(() => converter.ConvertFromProvider(stored));
            Assert.Equal($"'{stored}' is not a known IndexBuildStatus; expected one of: running, ready, failed.", error.Message);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => converter.ConvertToProvider((IndexBuildStatus)7));
    }

    [Fact]
    public void JSON_writes_and_reads_the_stored_strings_with_and_without_the_web_apps_enum_converter()
    {
        // The web app adds a JsonStringEnumConverter for every enum; the CLI serialises with default options.
        var options = new[] { new JsonSerializerOptions(), new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } } };
        foreach (var json in options)
        {
            AssertJson(json, IndexBuildKind.Forest, "forest");
            AssertJson(json, IndexBuildStatus.Running, "running");
            AssertJson(json, IndexBuildStatus.Ready, "ready");
            AssertJson(json, IndexBuildStatus.Failed, "failed");
            AssertJson(json, EvaluationRunStatus.Running, "running");
            AssertJson(json, EvaluationRunStatus.Completed, "completed");
            AssertJson(json, EvaluationRunStatus.Failed, "failed");
        }
    }

    private static void AssertRoundTrips<TEnum>(string[] expected)
        where TEnum : struct, Enum
    {
        var converter = new LowerCaseEnumConverter<TEnum>();
        var values = Enum.GetValues<TEnum>();
        Assert.Equal(expected, values.Select(v => (string)converter.ConvertToProvider(v)!));
        Assert.Equal(expected, EnumNames.LowerNames<TEnum>());
        Assert.All(values, v => Assert.Equal(v, (TEnum)converter.ConvertFromProvider(converter.ConvertToProvider(v))!));
        Assert.All(values, v => Assert.Equal(v.ToLowerName(), converter.ConvertToProvider(v)));
    }

    private static void AssertJson<TEnum>(JsonSerializerOptions json, TEnum value, string expected)
        where TEnum : struct, Enum
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(value, json));
        Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{expected}\"", json));
        Assert.Equal(expected, value.ToLowerName());
    }
}
