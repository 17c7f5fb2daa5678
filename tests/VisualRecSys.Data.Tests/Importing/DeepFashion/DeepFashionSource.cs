using System.Text;

namespace VisualRecSys.Data.Tests.Importing.DeepFashion;

/// <summary>Writes a small data set in DeepFashion's Category and Attribute Prediction layout.</summary>
internal sealed class DeepFashionSource
{
    public DeepFashionSource(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public List<(string Name, int Type)> Categories { get; } = [("Anorak", 1), ("Blouse", 1), ("Jeans", 2), ("Dress", 3)];

    public List<(string Image, int Label, string? Status)> Images { get; } = [];

    /// <summary>Adds an image entry and, unless <paramref name="bytes"/> is null, its file.</summary>
    public DeepFashionSource Add(string image, int label, string? status, byte[]? bytes)
    {
        Images.Add((image, label, status));
        if (bytes is not null)
        {
            var path = Path.Combine(Root, image);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return this;
    }

    /// <summary>Writes the three annotation files as the data set has them: count, header, padded columns.</summary>
    public string WriteAnnotations()
    {
        Write("Anno/list_category_cloth.txt", "category_name  category_type", Categories.Select(c => $"{c.Name,-29}{c.Type}"));
        Write("Anno/list_category_img.txt", "image_name  category_label", Images.Select(i => $"{i.Image,-71}{i.Label}"));
        Write("Eval/list_eval_partition.txt", "image_name  evaluation_status", Images.Where(i => i.Status is not null).Select(i => $"{i.Image,-71}{i.Status}"));
        return Root;
    }

    public void Write(string file, string header, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        var path = Path.Combine(Root, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // DeepFashion's files come from Windows: CRLF line ends.
        File.WriteAllText(path, string.Join("\r\n", [list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), header, .. list]) + "\r\n", Encoding.ASCII);
    }
}
