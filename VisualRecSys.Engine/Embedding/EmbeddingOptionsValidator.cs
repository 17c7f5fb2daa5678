using Microsoft.Extensions.Options;

namespace VisualRecSys.Engine.Embedding;

/// <summary>Validates <see cref="EmbeddingOptions"/>; each message names the configuration key at fault.</summary>
public sealed class EmbeddingOptionsValidator : IValidateOptions<EmbeddingOptions>
{
    /// <summary>Upper bound of <see cref="EmbeddingOptions.MaxBatchSize"/>.</summary>
    public const int MaxBatchSizeLimit = 256;

    /// <summary>Upper bound of <see cref="EmbeddingOptions.IntraOpThreads"/> and <see cref="EmbeddingOptions.DecodeWorkers"/>.</summary>
    public const int IntraOpThreadsLimit = 256;

    /// <summary>Upper bound of <see cref="EmbeddingOptions.MaxImageBytes"/> (256 MiB).</summary>
    public const int MaxImageBytesLimit = 256 * 1024 * 1024;

    /// <summary>
    /// Upper bound of <see cref="EmbeddingOptions.MaxImagePixels"/>: a decoded RGBA image of this size
    /// already takes 800 MB, which is the real limit on what a request may cost.
    /// </summary>
    public const int MaxImagePixelsLimit = 200_000_000;

    /// <summary>Bounds of <see cref="EmbeddingModelOptions.InputSize"/>.</summary>
    public const int MinInputSize = 16;

    /// <summary>Upper bound of <see cref="EmbeddingModelOptions.InputSize"/>.</summary>
    public const int MaxInputSize = 2048;

    /// <summary>Upper bound of <see cref="EmbeddingModelOptions.Dimension"/>.</summary>
    public const int MaxDimension = 65_536;

    private const string Prefix = EmbeddingOptions.SectionName + ":";

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.ModelDirectory is not null && string.IsNullOrWhiteSpace(options.ModelDirectory))
        {
            failures.Add($"{Prefix}{nameof(EmbeddingOptions.ModelDirectory)} must be omitted or a folder path, not blank");
        }

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Prefix}{nameof(EmbeddingOptions.Provider)} must be one of Auto, Cuda, Cpu");
        }

        CheckRange(failures, nameof(EmbeddingOptions.IntraOpThreads), options.IntraOpThreads, 0, IntraOpThreadsLimit);
        CheckRange(failures, nameof(EmbeddingOptions.DecodeWorkers), options.DecodeWorkers, 0, IntraOpThreadsLimit);
        CheckRange(failures, nameof(EmbeddingOptions.MaxBatchSize), options.MaxBatchSize, 1, MaxBatchSizeLimit);
        CheckRange(failures, nameof(EmbeddingOptions.MaxImageBytes), options.MaxImageBytes, 1, MaxImageBytesLimit);
        CheckRange(failures, nameof(EmbeddingOptions.MaxImagePixels), options.MaxImagePixels, 1, MaxImagePixelsLimit);

        foreach (var (modelName, model) in options.Models)
        {
            ValidateModel(failures, modelName, model);
        }

        var active = options.Model;
        if (string.IsNullOrWhiteSpace(active)
            || !(active.Equals(EmbeddingModel.ResNet18Name, StringComparison.OrdinalIgnoreCase) || options.Models.ContainsKey(active)))
        {
            var known = string.Join(", ", options.Models.Keys.Prepend(EmbeddingModel.ResNet18Name));
            failures.Add($"{Prefix}{nameof(EmbeddingOptions.Model)} '{active}' is not a model; use one of {known} "
                + $"or configure it under {Prefix}{nameof(EmbeddingOptions.Models)}:{active}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateModel(List<string> failures, string name, EmbeddingModelOptions? model)
    {
        var key = $"{Prefix}{nameof(EmbeddingOptions.Models)}:{name}";
        if (name.Equals(EmbeddingModel.ResNet18Name, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{key}: '{EmbeddingModel.ResNet18Name}' is the built-in model; give the configured one another name");
            return;
        }

        if (!EmbeddingModelRegistry.IsValidName(name))
        {
            failures.Add($"{key}: a model name uses letters, digits, '.', '-' and '_' (not first), at most {EmbeddingModelRegistry.MaxNameLength} characters");
        }

        if (model is null)
        {
            failures.Add($"{key} is empty; it needs at least {nameof(EmbeddingModelOptions.Path)} and {nameof(EmbeddingModelOptions.Dimension)}");
            return;
        }

        if (string.IsNullOrWhiteSpace(model.Path))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.Path)} is required: the .onnx file");
        }
        else if (!File.Exists(model.Path))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.Path)} '{Path.GetFullPath(model.Path)}' does not exist");
        }

        CheckRange(failures, $"{key}:{nameof(EmbeddingModelOptions.InputSize)}", model.InputSize, MinInputSize, MaxInputSize, prefixed: true);
        CheckRange(failures, $"{key}:{nameof(EmbeddingModelOptions.Dimension)}", model.Dimension, 1, MaxDimension, prefixed: true);
        if (!Enum.IsDefined(model.ChannelOrder))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.ChannelOrder)} must be Rgb or Bgr");
        }

        if (!Enum.IsDefined(model.PixelRange))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.PixelRange)} must be Unit (0..1) or Byte (0..255)");
        }

        if (model.MeanImageFile is not null)
        {
            if (model.Mean is not null || model.Std is not null)
            {
                failures.Add($"{key}: set either {nameof(EmbeddingModelOptions.MeanImageFile)} or {nameof(EmbeddingModelOptions.Mean)}/{nameof(EmbeddingModelOptions.Std)}, not both");
            }

            if (!File.Exists(model.MeanImageFile))
            {
                failures.Add($"{key}:{nameof(EmbeddingModelOptions.MeanImageFile)} '{Path.GetFullPath(model.MeanImageFile)}' does not exist");
            }

            if (string.IsNullOrWhiteSpace(model.MeanImageInitializer))
            {
                failures.Add($"{key}:{nameof(EmbeddingModelOptions.MeanImageInitializer)} must name the initializer holding the mean image");
            }
        }

        if (model.Mean is { } mean && (mean.Length != 3 || !mean.All(float.IsFinite)))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.Mean)} must be three numbers, one per plane");
        }

        if (model.Std is { } std && (std.Length != 3 || !std.All(s => float.IsFinite(s) && s > 0)))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.Std)} must be three positive numbers, one per plane");
        }

        if (model.InputName is not null && string.IsNullOrWhiteSpace(model.InputName))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.InputName)} must be omitted or an input name, not blank");
        }

        if (model.OutputName is not null && string.IsNullOrWhiteSpace(model.OutputName))
        {
            failures.Add($"{key}:{nameof(EmbeddingModelOptions.OutputName)} must be omitted or an output name, not blank");
        }
    }

    private static void CheckRange(List<string> failures, string key, int value, int min, int max, bool prefixed = false)
    {
        if (value < min || value > max)
        {
            failures.Add($"{(prefixed ? "" : Prefix)}{key} must be between {min} and {max} (was {value})");
        }
    }
}
