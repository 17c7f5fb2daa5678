namespace VisualRecSys.Engine.Explain;

/// <summary>Why two images look alike to a model: their cosine and, for each, where in it that likeness lies.</summary>
/// <param name="Grid">Cells per side of both maps.</param>
/// <param name="Cosine">The cosine of the two unmasked images' embeddings.</param>
/// <param name="Query">The query image's map: masking a cell of it, the drop in cosine to the result.</param>
/// <param name="Result">The result image's map: masking a cell of it, the drop in cosine to the query.</param>
public sealed record PairExplanation(int Grid, float Cosine, OcclusionMap Query, OcclusionMap Result);
