namespace VisualRecSys.Engine.Embedding;

/// <summary>Settings of the image embedder, bound from the <see cref="SectionName"/> configuration section.</summary>
public sealed class EmbeddingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "VisualRecSys:Embedding";

    /// <summary>
    /// The model the app embeds with: <see cref="EmbeddingModel.ResNet18Name"/> (built in) or a name under <see cref="Models"/>.
    /// </summary>
    public string Model { get; set; } = EmbeddingModel.ResNet18Name;

    /// <summary>Other ONNX image models, by name (letters, digits, '.', '-', '_'); <c>resnet18</c> is the built-in one.</summary>
    public Dictionary<string, EmbeddingModelOptions> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Folder holding <c>ResNet18Onnx/ResNet18.onnx</c> and <c>ResNetPrepOnnx/ResNetPreprocess.onnx</c>
    /// (or both files directly). <see langword="null"/> means <see cref="ModelFiles.DefaultDirectory"/>,
    /// i.e. <c>AppContext.BaseDirectory/DnnImageModels</c>, where the model package's build props copy them.
    /// </summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Execution provider preference; <see cref="ExecutionProviderPreference.Auto"/> by default.</summary>
    public ExecutionProviderPreference Provider { get; set; } = ExecutionProviderPreference.Auto;

    /// <summary>Threads ONNX Runtime may use inside one operator; 0 for one per processor this process may use.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Largest number of images sent to the model in one run; larger batches are split.</summary>
    public int MaxBatchSize { get; set; } = 16;

    /// <summary>
    /// Threads that decode and resize images while the model runs; 0 picks one on the CPU provider (preprocessing costs
    /// well under a percent of an inference there) and all cores but one on CUDA.
    /// </summary>
    public int DecodeWorkers { get; set; }

    /// <summary>Largest encoded image accepted, in bytes.</summary>
    public int MaxImageBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest decoded image accepted, in pixels (width × height), checked from the header before decoding.</summary>
    public int MaxImagePixels { get; set; } = 40_000_000;
}
