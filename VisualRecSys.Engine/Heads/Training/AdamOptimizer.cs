namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// Adam with decoupled weight decay (AdamW) over the weights and biases of a network's layers. Biases are not decayed.
/// </summary>
public sealed class AdamOptimizer
{
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;

    private readonly IReadOnlyList<DenseLayer> _layers;
    private readonly float[][] _firstMoments;
    private readonly float[][] _secondMoments;
    private int _step;

    /// <summary>An optimiser for <paramref name="layers"/>, with no history.</summary>
    public AdamOptimizer(IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = layers;
        var parameters = Parameters().ToArray();
        _firstMoments = [.. parameters.Select(p => new float[p.Values.Length])];
        _secondMoments = [.. parameters.Select(p => new float[p.Values.Length])];
    }

    /// <summary>Moves every parameter along its last gradient with step size <paramref name="learningRate"/>.</summary>
    public void Step(float learningRate, float weightDecay)
    {
        _step++;
        var correction1 = 1 - MathF.Pow(Beta1, _step);
        var correction2 = 1 - MathF.Pow(Beta2, _step);
        var stepSize = learningRate * MathF.Sqrt(correction2) / correction1;
        var index = 0;
        foreach (var (values, gradients, decays) in Parameters())
        {
            var m = _firstMoments[index];
            var v = _secondMoments[index];
            var shrink = decays ? 1 - (learningRate * weightDecay) : 1;
            for (var i = 0; i < values.Length; i++)
            {
                var g = gradients[i];
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
                values[i] = (values[i] * shrink) - (stepSize * m[i] / (MathF.Sqrt(v[i]) + Epsilon));
            }

            index++;
        }
    }

    private IEnumerable<(float[] Values, float[] Gradients, bool Decays)> Parameters()
    {
        foreach (var layer in _layers)
        {
            yield return (layer.Weights, layer.WeightGradients, true);
            yield return (layer.Bias, layer.BiasGradients, false);
        }
    }
}
