using VisualRecSys.Engine.Heads.Training;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>Labelled vectors for training tests: Gaussian clusters around well-separated centres.</summary>
internal static class SyntheticSets
{
    /// <summary>
    /// <paramref name="perClass"/> rows for each of <paramref name="classes"/> categories in <paramref name="dimension"/>
    /// non-negative dimensions (like ReLU features); spread <paramref name="noise"/> around centres about 1 apart.
    /// </summary>
    public static HeadTrainingSet Clusters(int classes, int perClass, int dimension, double noise, int seed, bool withMirror = false)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, classes)
            .Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble()).ToArray())
            .ToArray();
        var count = classes * perClass;
        var vectors = new float[count * dimension];
        var mirrored = withMirror ? new float[count * dimension] : null;
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var label = labels[i] = i % classes;
            for (var d = 0; d < dimension; d++)
            {
                vectors[(i * dimension) + d] = (float)Math.Max(0, centres[label][d] + (noise * Normal(random)));
                if (mirrored is not null)
                {
                    mirrored[(i * dimension) + d] = (float)Math.Max(0, centres[label][d] + (noise * Normal(random)));
                }
            }
        }

        return new HeadTrainingSet(vectors, labels, dimension, classes, mirrored);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
