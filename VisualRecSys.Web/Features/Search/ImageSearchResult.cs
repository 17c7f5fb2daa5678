using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Store;

namespace VisualRecSys.Web.Features.Search;

/// <summary>The result of a search by uploaded images: a hash naming the query, the products found, and each piece's own.</summary>
/// <param name="Outcome">Found, or the index is not ready.</param>
/// <param name="QueryHash">Names the query (the images, in order, and their regions) for feedback.</param>
/// <param name="Images">How many images were searched.</param>
/// <param name="Results">Products like the whole: the one image, or the outfit's centroid.</param>
/// <param name="Pieces">
/// For an outfit of several images, each image's own best matches, in upload order; empty for one image, whose
/// <paramref name="Results"/> already are its own.
/// </param>
public sealed record ImageSearchResult(SimilarOutcome Outcome, string QueryHash, int Images, IReadOnlyList<ScoredProduct> Results,
    IReadOnlyList<PieceResult> Pieces);

/// <summary>One piece of an outfit and the products that look like it alone.</summary>
/// <param name="Index">The piece's place among the uploaded images, from 0.</param>
/// <param name="Results">Its best matches, best first: the results of a search by this image alone.</param>
/// <param name="CompleteTheLook">
/// For each category the outfit does not wear (no piece's nearest product is of it), the product of that category
/// nearest this piece, in the catalog's category order: what could go with it.
/// </param>
public sealed record PieceResult(int Index, IReadOnlyList<ScoredProduct> Results, IReadOnlyList<ScoredProduct> CompleteTheLook);
