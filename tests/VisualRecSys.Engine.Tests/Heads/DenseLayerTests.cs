using VisualRecSys.Engine.Heads;

namespace VisualRecSys.Engine.Tests.Heads;

/// <summary>The layer's input gradient, dy · Wᵀ, on both sides of the width where it switches from Gemm to RowProducts.</summary>
public sealed class DenseLayerTests
{
    [Theory]
    [InlineData(9, 37, 10)] // few outputs: W transposed for Gemm
    [InlineData(9, 37, 130)] // many outputs: RowProducts over the rows of W as they lie
    [InlineData(6, 522, 512)]
    public void Backward_writes_the_output_gradient_times_the_transposed_weights(int rows, int inputs, int outputs)
    {
        var random = new Random(5);
        var layer = DenseLayer.Initialised(inputs, outputs, random);
        var input = Enumerable.Range(0, rows * inputs).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var outputGradient = Enumerable.Range(0, rows * outputs).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var inputGradient = new float[rows * inputs];

        layer.Backward(input, outputGradient, rows, inputGradient, new float[Math.Max(rows * inputs, inputs * outputs)]);

        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < inputs; i++)
            {
                double sum = 0, magnitude = 0;
                for (var o = 0; o < outputs; o++)
                {
                    var term = outputGradient[(r * outputs) + o] * (double)layer.Weights[(i * outputs) + o];
                    sum += term;
                    magnitude += Math.Abs(term);
                }

                Assert.True(Math.Abs(inputGradient[(r * inputs) + i] - sum) <= (1e-5 * magnitude) + 1e-6, $"row {r}, input {i}: {inputGradient[(r * inputs) + i]}, expected {sum}");
            }
        }
    }
}
