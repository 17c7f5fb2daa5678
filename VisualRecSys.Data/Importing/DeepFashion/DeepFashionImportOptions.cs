namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>Settings of <see cref="DeepFashionImporter.ImportAsync"/>.</summary>
public sealed record DeepFashionImportOptions : ImportOptions
{
    /// <summary>
    /// The data set's root: the folder holding <c>Anno/</c>, <c>Eval/</c> and <c>img/</c> of DeepFashion's
    /// "Category and Attribute Prediction Benchmark".
    /// </summary>
    public required string SourceDirectory { get; init; }
}
