namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Locates the two ONNX files of the ResNet18 featurizer shipped by the
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package.
/// </summary>
public sealed class ModelFiles
{
    /// <summary>The folder name the model package copies its files to, under the application's output.</summary>
    public const string DefaultDirectoryName = "DnnImageModels";

    /// <summary>File name of the ResNet18 network.</summary>
    public const string ModelFileName = "ResNet18.onnx";

    /// <summary>File name of the preprocessing graph, which holds the mean image.</summary>
    public const string PreprocessFileName = "ResNetPreprocess.onnx";

    // The package's layout: DnnImageModels/ResNet18Onnx/ResNet18.onnx and DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx.
    private const string ModelSubdirectory = "ResNet18Onnx";
    private const string PreprocessSubdirectory = "ResNetPrepOnnx";

    private ModelFiles(string directory, string modelPath, string preprocessPath)
    {
        Directory = directory;
        ModelPath = modelPath;
        PreprocessPath = preprocessPath;
    }

    /// <summary><c>AppContext.BaseDirectory/DnnImageModels</c>.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, DefaultDirectoryName);

    /// <summary>The folder searched.</summary>
    public string Directory { get; }

    /// <summary>Full path of <c>ResNet18.onnx</c>.</summary>
    public string ModelPath { get; }

    /// <summary>Full path of <c>ResNetPreprocess.onnx</c>.</summary>
    public string PreprocessPath { get; }

    /// <summary>
    /// Finds both files under <paramref name="modelDirectory"/> (or <see cref="DefaultDirectory"/>), either in the
    /// package's sub-folders or directly in the folder.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file is in neither place; the message lists where it was looked for.</exception>
    public static ModelFiles Locate(string? modelDirectory = null)
    {
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(modelDirectory) ? DefaultDirectory : modelDirectory);
        var model = Find(directory, ModelSubdirectory, ModelFileName);
        var preprocess = Find(directory, PreprocessSubdirectory, PreprocessFileName);
        return new ModelFiles(directory, model, preprocess);
    }

    private static string Find(string directory, string subdirectory, string fileName)
    {
        string[] candidates = [Path.Combine(directory, subdirectory, fileName), Path.Combine(directory, fileName)];
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"The ResNet18 model file '{fileName}' was not found; looked for {string.Join(" and ", candidates)}. "
            + $"The Microsoft.ML.DnnImageFeaturizer.ResNet18 package copies it to '{DefaultDirectoryName}' in the build output; "
            + $"set {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.ModelDirectory)} to the folder that holds it.",
            candidates[0]);
    }
}
