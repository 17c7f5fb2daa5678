using System.Globalization;
using VisualRecSys.Engine.Duplicates;

namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>A duplicate scan asked for by an admin. Null parts take their defaults.</summary>
/// <param name="Threshold">Cosine similarity two products need to count as duplicates, above 0 and at most 1; default <see cref="DuplicateSearch.DefaultThreshold"/>.</param>
/// <param name="Neighbours">Neighbours searched per product, 1–<see cref="DuplicateSearch.MaxNeighbours"/>; default 8.</param>
public sealed record DuplicateScanRequest(float? Threshold = null, int? Neighbours = null)
{
    /// <summary>The engine's search, or the problem with the first bad parameter, naming it.</summary>
    public DuplicateSearch ToSearch(out string? problem)
    {
        var search = new DuplicateSearch
        {
            Threshold = Threshold ?? DuplicateSearch.DefaultThreshold,
            Neighbours = Neighbours ?? new DuplicateSearch().Neighbours,
        };
        problem = !(search.Threshold > 0 && search.Threshold <= 1)
            ? string.Create(CultureInfo.InvariantCulture, $"'threshold' is a cosine similarity above 0 and at most 1 (default {DuplicateSearch.DefaultThreshold}); got {Threshold}.")
            : search.Neighbours is < 1 or > DuplicateSearch.MaxNeighbours
                ? $"'neighbours' must be between 1 and {DuplicateSearch.MaxNeighbours}; got {Neighbours}."
                : null;
        return search;
    }
}

/// <summary>Hide every product of <paramref name="Hide"/> from the store, keeping <paramref name="Keep"/> (shown again if it was hidden).</summary>
/// <param name="Keep">The product that stays in the store.</param>
/// <param name="Hide">The products hidden, its duplicates.</param>
public sealed record HideRequest(int Keep, IReadOnlyList<int>? Hide);
