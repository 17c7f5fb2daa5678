using VisualRecSys.Engine.Heads;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>Back-propagation against finite differences of the loss, on networks small enough to perturb every parameter.</summary>
public sealed class HeadGradientTests
{
    [Theory]
    [InlineData(new int[] { 4 }, 0f)]
    [InlineData(new int[] { 5 }, 0.1f)]
    [InlineData(new int[] { 6, 4 }, 0.2f)]
    [InlineData(new int[0], 0f)]
    public void Backward_matches_central_differences_of_the_loss(int[] hidden, float smoothing)
    {
        const int inputs = 3, classes = 3, rows = 5;
        var random = new Random(11);
        var scaling = new InputScaling(normalizeLength: false, new float[inputs], [1f, 1f, 1f]);
        var network = HeadNetwork.Create(scaling, hidden, classes, random);
        var x = Enumerable.Range(0, rows * inputs).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        int[] labels = [0, 2, 1, 2, 0];
        var workspace = new HeadWorkspace();

        network.Forward(x, rows, workspace, dropout: 0, random: null);
        network.Loss(labels, rows, smoothing, workspace);
        network.Backward(rows, workspace);

        var checkedParameters = 0;
        foreach (var layer in network.Layers)
        {
            foreach (var (values, gradients) in new[] { (layer.Weights, layer.WeightGradients), (layer.Bias, layer.BiasGradients) })
            {
                var analytic = (float[])gradients.Clone();
                for (var i = 0; i < values.Length; i++)
                {
                    var numeric = CentralDifference(network, values, i, x, labels, smoothing, workspace);
                    Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-3 + (2e-2 * Math.Abs(numeric)),
                        $"parameter {i} of a {layer.Inputs}→{layer.Outputs} layer: back-propagation {analytic[i]}, finite difference {numeric}");
                    checkedParameters++;
                }
            }
        }

        Assert.True(checkedParameters > 10);
    }

    [Fact]
    public void A_wrong_label_gives_a_different_gradient()
    {
        // Guards the check above against comparing a gradient with itself.
        var random = new Random(3);
        var scaling = new InputScaling(false, new float[2], [1f, 1f]);
        var network = HeadNetwork.Create(scaling, [3], 2, random);
        float[] x = [1, -1];
        var workspace = new HeadWorkspace();

        network.Forward(x, 1, workspace, 0, null);
        network.Loss([0], 1, 0, workspace);
        network.Backward(1, workspace);
        var first = (float[])network.Layers[^1].BiasGradients.Clone();
        network.Forward(x, 1, workspace, 0, null);
        network.Loss([1], 1, 0, workspace);
        network.Backward(1, workspace);

        Assert.NotEqual(first, network.Layers[^1].BiasGradients);
        // Two categories, one row: the bias gradient is p − onehot, so the second label gives p1 − 1 = −p0 = −(first[0] + 1).
        Assert.Equal(-(first[0] + 1), network.Layers[^1].BiasGradients[1], 5);
    }

    private static double CentralDifference(HeadNetwork network, float[] values, int i, float[] x, int[] labels, float smoothing, HeadWorkspace workspace)
    {
        const float h = 1e-2f;
        var original = values[i];
        values[i] = original + h;
        network.Forward(x, labels.Length, workspace, 0, null);
        var plus = network.Loss(labels, labels.Length, smoothing, workspace);
        values[i] = original - h;
        network.Forward(x, labels.Length, workspace, 0, null);
        var minus = network.Loss(labels, labels.Length, smoothing, workspace);
        values[i] = original;
        return (plus - minus) / (2 * h);
    }
}
