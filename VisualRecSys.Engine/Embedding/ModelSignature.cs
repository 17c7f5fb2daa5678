using Microsoft.ML.OnnxRuntime;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Checks a loaded session against its configuration (input and output names, input shape, output size per image),
/// so a wrong setting fails at load with the key to fix rather than with an ONNX Runtime error on the first batch.
/// </summary>
internal static class ModelSignature
{
    /// <returns>The input and output names to use.</returns>
    /// <exception cref="InvalidDataException">The model does not match its configuration; the message names the key.</exception>
    public static (string Input, string Output) Check(InferenceSession session, EmbeddingModel model, ModelInputFormat format)
    {
        var input = Pick(session.InputNames, model.InputName, model, nameof(EmbeddingModelOptions.InputName), "input");
        var output = Pick(session.OutputNames, model.OutputName, model, nameof(EmbeddingModelOptions.OutputName), "output");

        var inputDims = session.InputMetadata[input].Dimensions;
        int[] expected = [-1, 3, format.InputSize, format.InputSize];
        var fits = inputDims.Length == 4 && inputDims.Skip(1).Zip(expected.Skip(1), (actual, wanted) => actual <= 0 || actual == wanted).All(ok => ok);
        if (!fits)
        {
            throw new InvalidDataException(
                $"'{model.Path}' takes {input} as [{string.Join(",", inputDims)}]; {model.ConfigurationKey} makes [N,3,{format.InputSize},{format.InputSize}] "
                + $"(set {nameof(EmbeddingModelOptions.InputSize)} to the model's size).");
        }

        var outputDims = session.OutputMetadata[output].Dimensions;
        if (outputDims.Skip(1).All(d => d > 0))
        {
            var perImage = outputDims.Skip(1).Aggregate(1L, (product, d) => product * d);
            if (perImage != model.Dimension)
            {
                throw new InvalidDataException(
                    $"'{model.Path}' gives {perImage} floats per image in {output} [{string.Join(",", outputDims)}], "
                    + $"but {model.ConfigurationKey}:{nameof(EmbeddingModelOptions.Dimension)} is {model.Dimension}.");
            }
        }

        return (input, output);
    }

    private static string Pick(IReadOnlyList<string> names, string? configured, EmbeddingModel model, string key, string what)
    {
        if (configured is null)
        {
            return names.Count > 0 ? names[0] : throw new InvalidDataException($"'{model.Path}' has no {what}.");
        }

        return names.Contains(configured)
            ? configured
            : throw new InvalidDataException(
                $"{model.ConfigurationKey}:{key} '{configured}' is not an {what} of '{model.Path}'; its {what}s are {string.Join(", ", names)}.");
    }
}
