using VisualRecSys.Engine.Models;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Which view of an image the backbone sees. Clothes look the same mirrored, so a head may combine both views
/// (augmentation when training, a steadier embedding when querying).
/// </summary>
public enum ImageView
{
    /// <summary>The image as it is.</summary>
    Original,

    /// <summary>The image mirrored left to right.</summary>
    Mirrored,
}

/// <summary>Where each view's vectors are stored.</summary>
public static class ImageViews
{
    /// <summary>Suffix of the model id under which a model's vectors of mirrored images are stored.</summary>
    public const string MirroredSuffix = ModelId.MirroredSuffix;

    /// <summary>
    /// The store model id of <paramref name="modelId"/>'s vectors of edited copies made with <paramref name="seed"/>
    /// (one per product, used to train heads): <c>&lt;model id&gt;.edited-&lt;seed&gt;</c>.
    /// </summary>
    public static string EditedStoreId(string modelId, int seed) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{modelId}{ModelId.EditedMarker}{seed}");

    /// <summary>The store model id of <paramref name="view"/> of <paramref name="modelId"/>'s vectors.</summary>
    public static string StoreId(string modelId, ImageView view) => view == ImageView.Mirrored ? modelId + MirroredSuffix : modelId;
}
