using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// The image models the engine knows: the built-in ResNet18 and those configured under
/// <c>VisualRecSys:Embedding:Models</c>, and which one is active (<see cref="EmbeddingOptions.Model"/>).
/// Models are resolved on first use: a missing ResNet18 file surfaces when the model is asked for, not before.
/// </summary>
public sealed partial class EmbeddingModelRegistry
{
    /// <summary>Longest model name: the name and a 13-character hash suffix must stay a short file name.</summary>
    public const int MaxNameLength = 64;

    // ResNet18.onnx's input and pooled 512-d output, as named in the package's file.
    private const string ResNet18Input = "Input247";
    private const string ResNet18Output = "Pooling395_Output_0";
    private const int ResNet18Dimension = 512;

    private readonly EmbeddingOptions _options;
    private readonly ConcurrentDictionary<string, Lazy<EmbeddingModel>> _models = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes the registry of <paramref name="options"/> (validated by <see cref="EmbeddingOptionsValidator"/>).</summary>
    public EmbeddingModelRegistry(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>All model names, the built-in one first.</summary>
    public IReadOnlyList<string> Names => [EmbeddingModel.ResNet18Name, .. _options.Models.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    /// <summary>The model the app embeds with.</summary>
    /// <exception cref="FileNotFoundException">The built-in model's files are missing.</exception>
    public EmbeddingModel Active => Get(_options.Model);

    /// <summary>Finds a model by name (case-insensitive) or by <see cref="EmbeddingModel.Id"/>.</summary>
    /// <exception cref="ArgumentException">No model has that name or id; the message lists the names.</exception>
    /// <exception cref="FileNotFoundException">The built-in model's files are missing.</exception>
    public EmbeddingModel Get(string nameOrId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId);
        if (IsName(nameOrId))
        {
            return Resolve(nameOrId);
        }

        foreach (var name in Names)
        {
            // Ids start with the name, so only that model's file needs hashing.
            if (nameOrId.StartsWith(name + "-", StringComparison.OrdinalIgnoreCase) && Resolve(name) is { } model && model.Id == nameOrId)
            {
                return model;
            }
        }

        throw new ArgumentException(
            $"'{nameOrId}' is neither a model name nor a model id; the models are {string.Join(", ", Names)} "
            + $"(configure more under {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Models)}).", nameof(nameOrId));
    }

    /// <summary>Whether <paramref name="name"/> can name a model: letters, digits, '.', '-', '_', not first, at most <see cref="MaxNameLength"/>.</summary>
    public static bool IsValidName(string name) => !string.IsNullOrEmpty(name) && ValidName().IsMatch(name);

    private bool IsName(string name) =>
        name.Equals(EmbeddingModel.ResNet18Name, StringComparison.OrdinalIgnoreCase) || _options.Models.ContainsKey(name);

    private EmbeddingModel Resolve(string name)
    {
        var lazy = _models.GetOrAdd(name, n => new Lazy<EmbeddingModel>(() => Create(n), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A missing file may be installed later: do not cache the failure.
            _models.TryRemove(new KeyValuePair<string, Lazy<EmbeddingModel>>(name, lazy));
            throw;
        }
    }

    private EmbeddingModel Create(string name)
    {
        if (name.Equals(EmbeddingModel.ResNet18Name, StringComparison.OrdinalIgnoreCase))
        {
            var files = ModelFiles.Locate(_options.ModelDirectory);
            return new EmbeddingModel(EmbeddingModel.ResNet18Name, files.ModelPath, isBuiltIn: true, ResNet18Dimension, ResNet18Input, ResNet18Output,
                $"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.ModelDirectory)}",
                () => ModelInputFormat.ResNet18(MeanImage.Load(files.PreprocessPath)));
        }

        var configured = _options.Models.First(m => m.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
        var options = configured.Value;
        var path = System.IO.Path.GetFullPath(options.Path ?? throw new InvalidOperationException($"Model '{name}' has no path."));
        return new EmbeddingModel(configured.Key, path, isBuiltIn: false, options.Dimension, options.InputName, options.OutputName,
            $"{EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Models)}:{configured.Key}",
            () => InputFormatOf(options));
    }

    private static ModelInputFormat InputFormatOf(EmbeddingModelOptions options)
    {
        if (options.MeanImageFile is { } meanFile)
        {
            var mean = MeanImage.Load(System.IO.Path.GetFullPath(meanFile), options.MeanImageInitializer, options.InputSize);
            return ModelInputFormat.WithMeanImage(options.InputSize, options.ChannelOrder, mean);
        }

        // The ImageNet defaults are listed R, G, B for pixels in 0..1: reversed for BGR planes, × 255 for byte pixels.
        var scale = options.PixelRange == PixelRange.Byte ? 255f : 1f;
        IReadOnlyList<float> InPlaneOrder(IReadOnlyList<float> rgb) =>
            [.. (options.ChannelOrder == ChannelOrder.Rgb ? rgb : rgb.Reverse()).Select(v => v * scale)];
        return ModelInputFormat.WithMeanAndStd(options.InputSize, options.ChannelOrder, options.PixelRange,
            options.Mean ?? InPlaneOrder(EmbeddingModelOptions.ImageNetMean),
            options.Std ?? InPlaneOrder(EmbeddingModelOptions.ImageNetStd));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
