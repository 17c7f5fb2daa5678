namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>One product of a duplicate cluster as the page and the API show it.</summary>
/// <param name="Id">The product.</param>
/// <param name="Title">Its title.</param>
/// <param name="Category">Its category.</param>
/// <param name="ImageUrl">Its thumbnail.</param>
/// <param name="ClosestId">The member it is most alike.</param>
/// <param name="ClosestCosine">Their cosine similarity.</param>
/// <param name="Hidden">Whether it is hidden from the store now (read when the report is shown, not when it was made).</param>
public sealed record DuplicateMemberView(int Id, string Title, string Category, string ImageUrl, int ClosestId, float ClosestCosine, bool Hidden);

/// <summary>One cluster of near-identical products.</summary>
/// <param name="Number">Its place in the report, from 1 (largest clusters first).</param>
/// <param name="MaxCosine">The highest cosine between two members.</param>
/// <param name="MinCosine">The weakest link: the lowest of the members' closest cosines.</param>
/// <param name="Members">Its products, lowest id first.</param>
public sealed record DuplicateClusterView(int Number, float MaxCosine, float MinCosine, IReadOnlyList<DuplicateMemberView> Members)
{
    /// <summary>Members still in the store.</summary>
    public int Shown => Members.Count(m => !m.Hidden);
}

/// <summary>The result of a duplicate scan: its parameters, what it looked at, and the clusters it found.</summary>
/// <param name="JobId">The admin job that made it.</param>
/// <param name="Threshold">The cosine similarity two products needed to count as duplicates.</param>
/// <param name="Neighbours">Neighbours searched per product.</param>
/// <param name="BuildId">The index build it searched (null for an index made at start without a build row).</param>
/// <param name="ModelId">The model whose vectors were compared.</param>
/// <param name="Products">Products compared (hidden ones included, so their clusters show).</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Clusters">The clusters, largest first.</param>
public sealed record DuplicateReport(
    int JobId, float Threshold, int Neighbours, int? BuildId, string ModelId, int Products, DateTimeOffset FinishedAt,
    IReadOnlyList<DuplicateClusterView> Clusters)
{
    /// <summary>Products in some cluster.</summary>
    public int Clustered => Clusters.Sum(c => c.Members.Count);

    /// <summary>The same report with each member's hidden state as <paramref name="hidden"/> says now.</summary>
    public DuplicateReport WithHidden(IReadOnlySet<int> hidden) => this with
    {
        Clusters = [.. Clusters.Select(c => c with { Members = [.. c.Members.Select(m => m with { Hidden = hidden.Contains(m.Id) })] })],
    };
}
