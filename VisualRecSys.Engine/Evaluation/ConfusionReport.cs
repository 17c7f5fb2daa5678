using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation;

/// <summary>A <see cref="ConfusionMatrix"/> as data: <c>Counts[q][n]</c> neighbours of category n for queries of category q.</summary>
public sealed record ConfusionReport
{
    /// <summary>The categories, indexing rows and columns.</summary>
    [JsonPropertyName("categories")]
    public required IReadOnlyList<string> Categories { get; init; }

    /// <summary>One row per query category, one column per neighbour category.</summary>
    [JsonPropertyName("counts")]
    public required IReadOnlyList<IReadOnlyList<long>> Counts { get; init; }

    /// <summary>Copies <paramref name="matrix"/>.</summary>
    public static ConfusionReport From(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.Categories.Count;
        var rows = new IReadOnlyList<long>[n];
        for (var q = 0; q < n; q++)
        {
            var row = new long[n];
            for (var c = 0; c < n; c++)
            {
                row[c] = matrix[q, c];
            }

            rows[q] = row;
        }

        return new ConfusionReport { Categories = [.. matrix.Categories], Counts = rows };
    }
}
