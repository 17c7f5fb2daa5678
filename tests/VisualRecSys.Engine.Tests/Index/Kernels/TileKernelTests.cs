using System.Runtime.Intrinsics;
using VisualRecSys.Engine.Index.Kernels;

namespace VisualRecSys.Engine.Tests.Index.Kernels;

public sealed class TileKernelTests
{
    private delegate void Tier(ref float queries, ref float rows, nuint length, ref Vector128<float> scores);

    public static TheoryData<int> Lengths => [0, 1, 7, 8, 15, 16, 17, 31, 33, 63, 65, 1023];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_tile_matches_the_scalar_reference_in_every_tier(int length) =>
        CheckEveryTier<DotAccumulator>(length, KernelReference.Dot);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Squared_distance_tile_matches_the_scalar_reference_in_every_tier(int length) =>
        CheckEveryTier<SquaredDistanceAccumulator>(length, KernelReference.SquaredDistance);

    [Fact]
    public void Rejects_mismatched_lengths()
    {
        var scores = new Vector128<float>[4];
        Assert.Throws<ArgumentException>(() => TileKernel.Reduce<DotAccumulator>(new float[32], new float[28], scores));
        Assert.Throws<ArgumentException>(() => TileKernel.Reduce<DotAccumulator>(new float[30], new float[30], scores));
        Assert.Throws<ArgumentException>(() => TileKernel.Reduce<DotAccumulator>(new float[32], new float[32], new Vector128<float>[3]));
    }

    private static void CheckEveryTier<TAccumulator>(int length, Func<float[], float[], (double, double)> reference)
        where TAccumulator : IPairAccumulator
    {
        var queries = KernelReference.Random(4 * length, seed: length + 7);
        var rows = KernelReference.Random(4 * length, seed: length + 2000);
        float[] Query(int q) => queries.AsSpan(q * length, length).ToArray();
        float[] Row(int r) => rows.AsSpan(r * length, length).ToArray();

        var tiers = new List<(string Name, bool Usable, Tier? Run)>
        {
            ("dispatch", true, null),
            ("Vector512", Vector512.IsHardwareAccelerated && length >= 16, TileKernel.Reduce512<TAccumulator>),
            ("Vector256", Vector256.IsHardwareAccelerated && length >= 8, TileKernel.Reduce256<TAccumulator>),
        };

        foreach (var (name, usable, run) in tiers.Where(t => t.Usable))
        {
            var scores = new Vector128<float>[4];
            if (run is null)
            {
                TileKernel.Reduce<TAccumulator>(queries, rows, scores);
            }
            else
            {
                run(ref queries[0], ref rows[0], (nuint)length, ref scores[0]);
            }

            for (var q = 0; q < 4; q++)
            {
                for (var r = 0; r < 4; r++)
                {
                    FourRowKernelTests.AssertClose(reference(Query(q), Row(r)), scores[q].GetElement(r), $"{name}, query {q}, row {r}");
                }
            }
        }
    }
}
