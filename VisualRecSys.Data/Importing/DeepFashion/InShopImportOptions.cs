namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>Settings of <see cref="InShopImporter.ImportAsync"/>.</summary>
public sealed record InShopImportOptions : ImportOptions
{
    /// <summary>
    /// The data set's root: the folder holding <c>img/</c> and <c>Eval/list_eval_partition.txt</c> (or
    /// <c>list_eval_partition.txt</c> itself) of DeepFashion's "In-shop Clothes Retrieval Benchmark".
    /// </summary>
    public required string SourceDirectory { get; init; }
}
