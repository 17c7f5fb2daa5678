using System.Globalization;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Forest;

namespace VisualRecSys.Engine.Tests.Index.Forest;

/// <summary>
/// Opening an index checks every byte's checksum, yet must not leave the whole file in the process's resident set: at
/// 2M × 512 the file is 4.5 GB and the app is to serve within 3 GB before its first query.
/// </summary>
public sealed class ForestFileResidencyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vrs-forest-rss-").FullName;

    [Fact]
    public void Opening_checks_the_checksum_without_mapping_the_vectors_into_memory()
    {
        // 20,000 × 256 floats: 20 MB of vectors, far more than the trees and codes the structure checks read.
        var (matrix, _) = ClusteredData.Create(count: 20_000, dimension: 256, queries: 0, seed: 5);
        var path = Path.Combine(_directory, "big.vrsx");
        using (var built = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 2 }))
        {
            built.Save(path);
        }

        using var opened = ForestIndex.Open(path);

        var fileBytes = new FileInfo(path).Length;
        var resident = ResidentBytesOf(path);
        Assert.True(resident < fileBytes / 4,
            $"{resident:N0} of the file's {fileBytes:N0} bytes are resident in this process right after opening it");

        // The checksum still covers the vectors: a flipped byte among them is refused.
        opened.Dispose();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 3] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("checksum", Assert.Throws<InvalidDataException>(() => ForestIndex.Open(path)).Message);
    }

    /// <summary>The resident bytes of every mapping of <paramref name="path"/> in this process (from /proc/self/smaps).</summary>
    private static long ResidentBytesOf(string path)
    {
        long total = 0;
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal))
            {
                inMapping = line.EndsWith(path, StringComparison.Ordinal);
            }
            else if (inMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return total;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
