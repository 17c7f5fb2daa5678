using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// A category head on backbone vectors: input scaling, then hidden layers of Linear → ReLU (→ dropout while training),
/// then a Linear layer to one score per category. Trained with softmax cross-entropy by <see cref="Training.HeadTrainer"/>;
/// any of its last layers can serve as an embedding (<see cref="Represent"/>).
/// </summary>
public sealed class HeadNetwork
{
    /// <summary>A network of the given scaling and layers (at least one; every layer's inputs match the previous one's outputs).</summary>
    public HeadNetwork(InputScaling scaling, IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0 || layers[0].Inputs != scaling.Dimension)
        {
            throw new ArgumentException("A head needs at least one layer, the first taking the scaled backbone vector.", nameof(layers));
        }

        for (var l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException($"Layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} gives {layers[l - 1].Outputs}.", nameof(layers));
            }
        }

        Scaling = scaling;
        Layers = layers;
    }

    /// <summary>The scaling applied to backbone vectors.</summary>
    public InputScaling Scaling { get; }

    /// <summary>The hidden layers, then the output layer.</summary>
    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>Length of a backbone vector.</summary>
    public int InputDimension => Scaling.Dimension;

    /// <summary>Number of categories (outputs of the last layer).</summary>
    public int Classes => Layers[^1].Outputs;

    /// <summary>A freshly initialised network: <paramref name="hidden"/> widths, then <paramref name="classes"/> outputs.</summary>
    public static HeadNetwork Create(InputScaling scaling, IReadOnlyList<int> hidden, int classes, Random random)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(hidden);
        var layers = new List<DenseLayer>();
        var inputs = scaling.Dimension;
        foreach (var width in hidden)
        {
            layers.Add(DenseLayer.Initialised(inputs, width, random));
            inputs = width;
        }

        layers.Add(DenseLayer.Initialised(inputs, classes, random));
        return new HeadNetwork(scaling, layers);
    }

    /// <summary>Floats an embedding from <paramref name="layer"/> has.</summary>
    public int DimensionOf(HeadLayer layer) => layer switch
    {
        HeadLayer.Logits or HeadLayer.Probabilities or HeadLayer.RootProbabilities => Classes,
        _ when Layers.Count < 2 => throw new InvalidOperationException("This head has no hidden layer."),
        _ => Layers[^2].Outputs,
    };

    /// <summary>
    /// Runs the network on <paramref name="rows"/> backbone vectors (no dropout) and writes each row's
    /// <paramref name="layer"/> into <paramref name="destination"/> (rows × <see cref="DimensionOf"/>).
    /// </summary>
    public void Represent(ReadOnlySpan<float> vectors, int rows, HeadLayer layer, Span<float> destination, HeadWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        Forward(vectors, rows, workspace, dropout: 0, random: null);
        var width = DimensionOf(layer);
        var source = layer switch
        {
            HeadLayer.HiddenPreActivation => workspace.PreActivations[^1],
            HeadLayer.Hidden => workspace.Activations[^1],
            HeadLayer.Logits => workspace.Logits,
            _ => workspace.Probabilities,
        };
        source.AsSpan(0, rows * width).CopyTo(destination);
        if (layer == HeadLayer.RootProbabilities)
        {
            TensorPrimitives.Sqrt(destination[..(rows * width)], destination[..(rows * width)]);
        }
    }

    /// <summary>
    /// Runs the network on <paramref name="rows"/> backbone vectors, keeping every layer's values in
    /// <paramref name="workspace"/> for <see cref="Backward"/>; hidden units are dropped with probability
    /// <paramref name="dropout"/> (inverted dropout: the kept ones are scaled up, so inference needs no change).
    /// </summary>
    public void Forward(ReadOnlySpan<float> vectors, int rows, HeadWorkspace workspace, float dropout, Random? random)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        workspace.EnsureCapacity(this, rows);
        var inputs = workspace.Inputs.AsSpan(0, rows * InputDimension);
        for (var r = 0; r < rows; r++)
        {
            Scaling.Apply(vectors.Slice(r * InputDimension, InputDimension), inputs.Slice(r * InputDimension, InputDimension));
        }

        ReadOnlySpan<float> current = inputs;
        for (var l = 0; l < Layers.Count - 1; l++)
        {
            var width = Layers[l].Outputs;
            var z = workspace.PreActivations[l].AsSpan(0, rows * width);
            var mask = workspace.Masks[l].AsSpan(0, rows * width);
            var a = workspace.Activations[l].AsSpan(0, rows * width);
            Layers[l].Forward(current, rows, z);
            FillMask(z, mask, dropout, random);
            TensorPrimitives.Multiply(z, mask, a);
            current = a;
        }

        var logits = workspace.Logits.AsSpan(0, rows * Classes);
        Layers[^1].Forward(current, rows, logits);
        var probabilities = workspace.Probabilities.AsSpan(0, rows * Classes);
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.SoftMax(logits.Slice(r * Classes, Classes), probabilities.Slice(r * Classes, Classes));
        }
    }

    /// <summary>
    /// The mean softmax cross-entropy of the last <see cref="Forward"/> against <paramref name="labels"/> (targets
    /// smoothed: 1 − ε on the label, ε spread over all categories), and its gradient with respect to the logits, kept
    /// in the workspace for <see cref="Backward"/>.
    /// </summary>
    public double Loss(ReadOnlySpan<int> labels, int rows, float smoothing, HeadWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var classes = Classes;
        var off = smoothing / classes;
        var on = 1 - smoothing + off;
        double loss = 0;
        for (var r = 0; r < rows; r++)
        {
            var p = workspace.Probabilities.AsSpan(r * classes, classes);
            var g = workspace.LogitGradients.AsSpan(r * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                var target = c == labels[r] ? on : off;
                if (target > 0)
                {
                    loss -= target * Math.Log(Math.Max(p[c], 1e-30f));
                }

                g[c] = (p[c] - target) / rows;
            }
        }

        return loss / rows;
    }

    /// <summary>Back-propagates the logit gradient of <see cref="Loss"/>: every layer's gradients are then set.</summary>
    public void Backward(int rows, HeadWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ReadOnlySpan<float> outputGradient = workspace.LogitGradients.AsSpan(0, rows * Classes);
        for (var l = Layers.Count - 1; l >= 0; l--)
        {
            var layer = Layers[l];
            ReadOnlySpan<float> input = l == 0
                ? workspace.Inputs.AsSpan(0, rows * layer.Inputs)
                : workspace.Activations[l - 1].AsSpan(0, rows * layer.Inputs);
            var inputGradient = l == 0 ? [] : workspace.Gradients[l - 1].AsSpan(0, rows * layer.Inputs);
            layer.Backward(input, outputGradient, rows, inputGradient, workspace.Scratch);
            if (l > 0)
            {
                // Through ReLU and dropout: the mask holds 0 or the dropout scale for each unit.
                TensorPrimitives.Multiply(inputGradient, workspace.Masks[l - 1].AsSpan(0, inputGradient.Length), inputGradient);
                outputGradient = inputGradient;
            }
        }
    }

    private static void FillMask(ReadOnlySpan<float> z, Span<float> mask, float dropout, Random? random)
    {
        var keep = 1 - dropout;
        var scale = 1 / keep;
        for (var i = 0; i < z.Length; i++)
        {
            var dropped = dropout > 0 && random!.NextSingle() < dropout;
            mask[i] = z[i] > 0 && !dropped ? scale : 0;
        }
    }
}
