namespace VisualRecSys.Engine.Duplicates;

/// <summary>One item of a duplicate cluster.</summary>
/// <param name="Id">The item.</param>
/// <param name="ClosestId">The other member it is most alike.</param>
/// <param name="ClosestCosine">Its cosine similarity to <paramref name="ClosestId"/>.</param>
public readonly record struct DuplicateMember(int Id, int ClosestId, float ClosestCosine);

/// <summary>
/// Items linked by cosine similarities at or above the threshold, directly or through other members (a chain A–B–C is one
/// cluster even when A and C are further apart: see <see cref="DuplicateFinder"/>).
/// </summary>
/// <param name="Members">Ids in increasing order, each with the member it is most alike.</param>
/// <param name="MaxCosine">The highest cosine between two members.</param>
/// <param name="MinCosine">The lowest of the members' closest cosines: the weakest link that holds the cluster together.</param>
public sealed record DuplicateCluster(IReadOnlyList<DuplicateMember> Members, float MaxCosine, float MinCosine);
