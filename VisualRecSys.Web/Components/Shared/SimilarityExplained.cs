namespace VisualRecSys.Web.Components.Shared;

/// <summary>What a similarity score means, said once for every list that shows scores.</summary>
public static class SimilarityExplained
{
    /// <summary>The caption above a list of similar products.</summary>
    public const string Text =
        "Most alike first. Similarity is how alike the images look to the model, up to 1 for the same picture.";
}
