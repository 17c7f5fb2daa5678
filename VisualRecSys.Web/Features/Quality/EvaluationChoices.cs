using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>An index build an evaluation can measure.</summary>
/// <param name="Id">The build.</param>
/// <param name="Items">Vectors it holds.</param>
/// <param name="Metric">Its metric.</param>
/// <param name="StartedAt">When it was built.</param>
/// <param name="IsActive">Whether it serves the store.</param>
public sealed record BuildChoice(int Id, int Items, string Metric, DateTimeOffset StartedAt, bool IsActive);

/// <summary>What an evaluation can be asked to measure: the models with stored vectors and the index builds of each.</summary>
public sealed class EvaluationChoices(StoredVectors vectors, EmbeddingModelRegistry registry, IDbContextFactory<VisualRecSysDbContext> dbFactory)
{
    /// <summary>The ids of the models with an embedding store in the data directory, ordinal order.</summary>
    public IReadOnlyList<string> Models() => vectors.ModelIds();

    /// <summary>The id of the model the app embeds with, or null when its files are missing.</summary>
    public string? ActiveModel()
    {
        try
        {
            return registry.Active.Id;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The ready forests over <paramref name="modelId"/>'s vectors, newest first.</summary>
    public async Task<IReadOnlyList<BuildChoice>> BuildsAsync(string modelId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var builds = await db.IndexBuilds.AsNoTracking()
            .Where(b => b.ModelId == modelId && b.Status == IndexBuildStatus.Ready && b.Kind == IndexBuildKind.Forest && b.FilePath != null)
            .OrderByDescending(b => b.Id)
            .Select(b => new { b.Id, b.ItemCount, b.Metric, b.StartedAt, b.IsActive })
            .ToListAsync(ct);
        return [.. builds.Select(b => new BuildChoice(b.Id, b.ItemCount, b.Metric, b.StartedAt, b.IsActive))];
    }
}
