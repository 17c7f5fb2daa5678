using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// One image model the engine can embed with: where its file is, what input it takes, which output holds the
/// embedding, and its <see cref="Id"/>. Made by <see cref="EmbeddingModelRegistry"/>.
/// </summary>
public sealed class EmbeddingModel
{
    /// <summary>Name of the built-in ResNet18 (NuGet <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c>).</summary>
    public const string ResNet18Name = "resnet18";

    /// <summary>Hex digits of the content hash in <see cref="Id"/>.</summary>
    public const int IdHashDigits = 12;

    /// <summary>
    /// Bumped whenever the C# preprocessing changes what it computes (resampling, rounding, padding), so vectors made
    /// before and after never share an id. 2: the separable Mitchell resize.
    /// </summary>
    internal const int PreprocessingVersion = 2;

    private readonly Lazy<ModelInputFormat> _inputFormat;
    private readonly Lazy<string> _id;

    internal EmbeddingModel(string name, string path, bool isBuiltIn, int dimension, string? inputName, string? outputName,
        string configurationKey, Func<ModelInputFormat> loadInputFormat)
    {
        Name = name;
        Path = path;
        IsBuiltIn = isBuiltIn;
        Dimension = dimension;
        InputName = inputName;
        OutputName = outputName;
        ConfigurationKey = configurationKey;
        _inputFormat = new Lazy<ModelInputFormat>(loadInputFormat, LazyThreadSafetyMode.ExecutionAndPublication);
        _id = new Lazy<string>(ComputeId, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The name it is configured under (<see cref="ResNet18Name"/> for the built-in one).</summary>
    public string Name { get; }

    /// <summary>Full path of the .onnx file.</summary>
    public string Path { get; }

    /// <summary>Whether this is the built-in ResNet18.</summary>
    public bool IsBuiltIn { get; }

    /// <summary>Floats per embedding.</summary>
    public int Dimension { get; }

    /// <summary>The input fed, or <see langword="null"/> for the model's first input.</summary>
    public string? InputName { get; }

    /// <summary>The output read, or <see langword="null"/> for the model's first output.</summary>
    public string? OutputName { get; }

    /// <summary>Where the model is configured, for error messages (e.g. <c>VisualRecSys:Embedding:Models:r50</c>).</summary>
    public string ConfigurationKey { get; }

    /// <summary>Input size, channel order and normalisation (loads a mean image file on first use).</summary>
    public ModelInputFormat InputFormat => _inputFormat.Value;

    /// <summary>
    /// <c>&lt;name&gt;-&lt;12 hex digits&gt;</c>: the name and the start of the XxHash3 (64-bit) of the .onnx file's bytes followed by the
    /// preprocessing (<see cref="ModelInputFormat.Describe"/>, the output read and the preprocessing version). Another file,
    /// or the same file fed differently, gives another id; vectors of different ids are never compared. Computed on first
    /// use (reading the file: tens of milliseconds for ResNet18).
    /// </summary>
    public string Id => _id.Value;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private string ComputeId()
    {
        var hash = new XxHash3();
        using (var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20))
        {
            hash.Append(file);
        }

        var preprocessing = string.Create(CultureInfo.InvariantCulture,
            $"{InputFormat.Describe()}output={OutputName};dimension={Dimension};preprocessing={PreprocessingVersion}");
        hash.Append(Encoding.UTF8.GetBytes(preprocessing));
        var hex = hash.GetCurrentHashAsUInt64().ToString("x16", CultureInfo.InvariantCulture);
        return $"{Name}-{hex[..IdHashDigits]}";
    }
}
