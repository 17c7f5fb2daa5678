using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using VisualRecSys.Engine.Index.Kernels;

namespace VisualRecSys.Engine.Tests.Index.Kernels;

public sealed class FourRowKernelTests
{
    private delegate Vector128<float> Tier(ref float x, ref float rows, nuint length);

    public static TheoryData<int> Lengths => [0, 1, 7, 8, 15, 16, 17, 31, 33, 63, 65, 1023];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_matches_the_scalar_reference_in_every_tier(int length) =>
        CheckEveryTier<DotAccumulator>(length, KernelReference.Dot);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Squared_distance_matches_the_scalar_reference_in_every_tier(int length) =>
        CheckEveryTier<SquaredDistanceAccumulator>(length, KernelReference.SquaredDistance);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ReduceOne_matches_the_scalar_reference(int length)
    {
        var x = KernelReference.Random(length, seed: 1);
        var y = KernelReference.Random(length, seed: 2);

        AssertClose(KernelReference.Dot(x, y), FourRowKernel.ReduceOne<DotAccumulator>(x, y));
        AssertClose(KernelReference.SquaredDistance(x, y), FourRowKernel.ReduceOne<SquaredDistanceAccumulator>(x, y));
    }

    [Fact]
    public void Rejects_rows_of_the_wrong_length()
    {
        Assert.Throws<ArgumentException>(() => FourRowKernel.Reduce<DotAccumulator>(new float[8], new float[31]));
        Assert.Throws<ArgumentException>(() => FourRowKernel.ReduceOne<DotAccumulator>(new float[8], new float[7]));
    }

    private static void CheckEveryTier<TAccumulator>(int length, Func<float[], float[], (double, double)> reference)
        where TAccumulator : IPairAccumulator
    {
        var x = KernelReference.Random(length, seed: length);
        var rows = KernelReference.Random(4 * length, seed: length + 1000);
        var expected = Enumerable.Range(0, 4).Select(r => reference(x, rows.AsSpan(r * length, length).ToArray())).ToArray();

        var tiers = new List<(string Name, bool Usable, Tier Run)>
        {
            ("dispatch", true, (ref float a, ref float b, nuint n) =>
                FourRowKernel.Reduce<TAccumulator>(MemoryMarshal.CreateReadOnlySpan(ref a, (int)n), MemoryMarshal.CreateReadOnlySpan(ref b, 4 * (int)n))),
            ("Vector512", Vector512.IsHardwareAccelerated && length >= 16, FourRowKernel.Reduce512<TAccumulator>),
            ("Vector256", Vector256.IsHardwareAccelerated && length >= 8, FourRowKernel.Reduce256<TAccumulator>),
            ("Vector128", Vector128.IsHardwareAccelerated && length >= 4, FourRowKernel.Reduce128<TAccumulator>),
            ("scalar", true, FourRowKernel.ReduceScalar<TAccumulator>),
        };

        // Spans over empty arrays still give a valid (never dereferenced) reference.
        var xBuffer = length == 0 ? new float[1] : x;
        var rowsBuffer = length == 0 ? new float[1] : rows;
        foreach (var (name, usable, run) in tiers.Where(t => t.Usable))
        {
            var actual = run(ref xBuffer[0], ref rowsBuffer[0], (nuint)length);
            for (var r = 0; r < 4; r++)
            {
                AssertClose(expected[r], actual.GetElement(r), $"{name}, row {r}");
            }
        }
    }

    internal static void AssertClose((double Value, double Tolerance) expected, float actual, string? what = null) =>
        Assert.True(Math.Abs(expected.Value - actual) <= expected.Tolerance, $"{what}: expected {expected.Value} ± {expected.Tolerance}, got {actual}");
}
