using System.Globalization;
using System.Text;

namespace VisualRecSys.Data.Tests.Importing.DeepFashion;

/// <summary>Writes a small data set in DeepFashion In-shop's layout: <c>img/&lt;gender&gt;/&lt;category&gt;/&lt;item&gt;/*.jpg</c> and the partition file.</summary>
internal sealed class InShopSource
{
    public const string Header = "image_name item_id evaluation_status";

    public InShopSource(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public List<(string Image, string Item, string Status)> Images { get; } = [];

    /// <summary>Adds a partition line and, unless <paramref name="bytes"/> is null, the image's file.</summary>
    public InShopSource Add(string image, string item, string status, byte[]? bytes)
    {
        Images.Add((image, item, status));
        if (bytes is not null)
        {
            var path = Path.Combine(Root, image);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return this;
    }

    /// <summary>Writes the partition file as the data set has it (count, header, padded columns, CRLF) at <paramref name="file"/>.</summary>
    public string WritePartition(string file = "Eval/list_eval_partition.txt")
    {
        WriteText(file, Lines([.. Images.Select(i => $"{i.Image,-70}{i.Item,-16}{i.Status}")]));
        return Root;
    }

    public static string Lines(params string[] entries) =>
        string.Join("\r\n", [entries.Length.ToString(CultureInfo.InvariantCulture), Header, .. entries]) + "\r\n";

    public void WriteText(string file, string content)
    {
        var path = Path.Combine(Root, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, Encoding.ASCII);
    }
}
