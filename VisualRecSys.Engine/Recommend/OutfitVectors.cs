namespace VisualRecSys.Engine.Recommend;

/// <summary>
/// What a search by several images asks with: the outfit's centroid, and each piece's own vector, the unit-length
/// embedding the centroid is the mean of. A piece's vector is exactly the query of a search by that image alone.
/// </summary>
/// <param name="Centroid">The mean of the pieces.</param>
/// <param name="Pieces">One unit-length vector per image (zero for an image whose embedding is zero), in upload order.</param>
public sealed record OutfitVectors(float[] Centroid, IReadOnlyList<float[]> Pieces);
