namespace VisualRecSys.Web.Tests.Features.Catalog.Importing;

/// <summary>
/// The committed DeepFashion In-shop fixture (<c>tests/Shared/InShop</c>, made by its <c>make-fixture.cs</c>, copied to the
/// output): 12 partition lines over 4 items in 3 category folders — 2 train, 3 query and 5 gallery images that import,
/// a truncated gallery JPEG and a line whose item id is not its folder's.
/// </summary>
internal static class InShopFixture
{
    public const int Lines = 12;
    public const int Imported = 10;
    public const int Skipped = 2;
    public const int Categories = 3;

    public const string CorruptImage = "img/WOMEN/Dresses/id_00000004/03_3_back.jpg";
    public const string BadLineImage = "img/WOMEN/Dresses/id_00000004/03_7_additional.jpg";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "InShop");

    /// <summary>Copies the fixture's images (not its partition file) to <paramref name="target"/>.</summary>
    public static void CopyImagesTo(string target)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(Path.Combine(Directory, "img"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(Directory, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
