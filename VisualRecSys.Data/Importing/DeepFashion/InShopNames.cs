namespace VisualRecSys.Data.Importing.DeepFashion;

/// <summary>
/// Where an In-shop image sits (<c>img/&lt;gender&gt;/&lt;category&gt;/&lt;item&gt;/&lt;file&gt;</c>) and the readable names
/// made from it: the one place that knows the layout's folders.
/// </summary>
internal readonly record struct InShopImagePath(string Gender, string CategoryFolder, string ItemFolder)
{
    // The data set's 17 category folders. Most join two kinds with '_' ("Tees_Tanks"), but not all ("Graphic_Tees"),
    // so no rule turns them all into good names; a folder not listed here gets its underscores as spaces.
    private static readonly Dictionary<string, string> s_categories = new(StringComparer.Ordinal)
    {
        ["Blouses_Shirts"] = "Blouses & Shirts",
        ["Cardigans"] = "Cardigans",
        ["Denim"] = "Denim",
        ["Dresses"] = "Dresses",
        ["Graphic_Tees"] = "Graphic Tees",
        ["Jackets_Coats"] = "Jackets & Coats",
        ["Jackets_Vests"] = "Jackets & Vests",
        ["Leggings"] = "Leggings",
        ["Pants"] = "Pants",
        ["Rompers_Jumpsuits"] = "Rompers & Jumpsuits",
        ["Shirts_Polos"] = "Shirts & Polos",
        ["Shorts"] = "Shorts",
        ["Skirts"] = "Skirts",
        ["Suiting"] = "Suiting",
        ["Sweaters"] = "Sweaters",
        ["Sweatshirts_Hoodies"] = "Sweatshirts & Hoodies",
        ["Tees_Tanks"] = "Tees & Tanks",
    };

    /// <summary>
    /// The product category: the category folder's readable name, the same for both genders — men's and women's pants
    /// are one kind of thing to look alike, and the store filters by it.
    /// </summary>
    public string Category => s_categories.GetValueOrDefault(CategoryFolder) ?? Spaced(CategoryFolder);

    /// <summary>"Women's Dresses, item 00000002" from <c>WOMEN/Dresses/id_00000002</c>.</summary>
    public string Title
    {
        get
        {
            var gender = Gender.ToUpperInvariant() switch
            {
                "MEN" => "Men's",
                "WOMEN" => "Women's",
                _ => Spaced(Gender),
            };
            var item = ItemFolder.StartsWith("id_", StringComparison.Ordinal) ? ItemFolder[3..] : ItemFolder;
            return $"{gender} {Category}, item {item}";
        }
    }

    /// <summary>Reads the layout's folders from <paramref name="imagePath"/>, or says why it is not in the layout.</summary>
    public static (InShopImagePath? Path, string? Problem) Parse(string imagePath)
    {
        var segments = imagePath.Split('/');
        return segments.Length == 5
            ? (new InShopImagePath(segments[1], segments[2], segments[3]), null)
            : (null, "not in the layout img/<gender>/<category>/<item id>/<file>");
    }

    private static string Spaced(string folder) =>
        string.Join(' ', folder.Split('_', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) is { Length: > 0 } spaced ? spaced : folder;
}
