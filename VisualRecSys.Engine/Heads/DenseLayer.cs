using System.Numerics.Tensors;
using VisualRecSys.Engine.LinearAlgebra;

namespace VisualRecSys.Engine.Heads;

/// <summary>
/// A fully connected layer, y = x · W + b, over a batch of rows: W is inputs × outputs, row-major. Keeps the gradients of
/// its last <see cref="Backward"/> for the optimiser.
/// </summary>
public sealed class DenseLayer
{
    /// <summary>A layer with the given weights (inputs × outputs, row-major) and biases (outputs).</summary>
    public DenseLayer(int inputs, int outputs, float[] weights, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (weights.Length != inputs * outputs || bias.Length != outputs)
        {
            throw new ArgumentException($"A {inputs}→{outputs} layer needs {inputs * outputs} weights and {outputs} biases; got {weights.Length} and {bias.Length}.");
        }

        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
        Bias = bias;
        WeightGradients = new float[weights.Length];
        BiasGradients = new float[outputs];
    }

    /// <summary>Floats in.</summary>
    public int Inputs { get; }

    /// <summary>Floats out.</summary>
    public int Outputs { get; }

    /// <summary>inputs × outputs, row-major.</summary>
    public float[] Weights { get; }

    /// <summary>One per output.</summary>
    public float[] Bias { get; }

    /// <summary>d loss / d <see cref="Weights"/> of the last backward pass.</summary>
    public float[] WeightGradients { get; }

    /// <summary>d loss / d <see cref="Bias"/> of the last backward pass.</summary>
    public float[] BiasGradients { get; }

    /// <summary>
    /// He-initialised weights (normal with variance 2 / inputs, suited to a ReLU after the layer) and zero biases,
    /// from <paramref name="random"/> so a seed gives the same layer.
    /// </summary>
    public static DenseLayer Initialised(int inputs, int outputs, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var weights = new float[inputs * outputs];
        var scale = System.Math.Sqrt(2.0 / inputs);
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(scale * StandardNormal(random));
        }

        return new DenseLayer(inputs, outputs, weights, new float[outputs]);
    }

    /// <summary>Writes x · W + b for <paramref name="rows"/> input rows.</summary>
    public void Forward(ReadOnlySpan<float> input, int rows, Span<float> output)
    {
        Gemm.Multiply(input, Weights, output, rows, Inputs, Outputs);
        for (var r = 0; r < rows; r++)
        {
            var row = output.Slice(r * Outputs, Outputs);
            TensorPrimitives.Add(row, Bias, row);
        }
    }

    /// <summary>
    /// Computes the gradients of W and b (overwriting the previous ones) from the layer's input and the gradient of its
    /// output, and writes the gradient of its input unless <paramref name="inputGradient"/> is empty.
    /// </summary>
    /// <param name="input">The rows fed to <see cref="Forward"/>.</param>
    /// <param name="outputGradient">d loss / d output, rows × outputs.</param>
    /// <param name="rows">Rows in the batch.</param>
    /// <param name="inputGradient">Receives d loss / d input (rows × inputs), or empty when not needed.</param>
    /// <param name="scratch">At least max(rows × inputs, inputs × outputs) floats.</param>
    public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int rows, Span<float> inputGradient, Span<float> scratch)
    {
        // dW = xᵀ · dy; db = Σ dy; dx = dy · Wᵀ.
        var inputT = scratch[..(rows * Inputs)];
        Gemm.Transpose(input, inputT, rows, Inputs);
        Gemm.Multiply(inputT, outputGradient, WeightGradients, Inputs, rows, Outputs);
        Array.Clear(BiasGradients);
        Gemm.AddRowsTo(outputGradient, rows, Outputs, BiasGradients);
        if (!inputGradient.IsEmpty)
        {
            var weightsT = scratch[..(Inputs * Outputs)];
            Gemm.Transpose(Weights, weightsT, Inputs, Outputs);
            Gemm.Multiply(outputGradient, weightsT, inputGradient, rows, Outputs, Inputs);
        }
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller: two uniforms give one normal (the second is dropped to keep the stream simple).
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return System.Math.Sqrt(-2.0 * System.Math.Log(u1)) * System.Math.Cos(2 * System.Math.PI * u2);
    }
}
