using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// ResNet18 (ImageNet) image embedder on ONNX Runtime: 512 pooled features per image, not normalized.
/// One <see cref="InferenceSession"/> is shared by all callers (ONNX Runtime allows concurrent runs);
/// register it as a singleton and let the host dispose it.
/// </summary>
public sealed partial class OnnxImageEmbedder : IImageEmbedder, IDisposable
{
    /// <summary>The value of <see cref="ModelId"/>.</summary>
    public const string ResNet18ModelId = "resnet18-imagenet";

    /// <summary>The value of <see cref="Dimension"/>.</summary>
    public const int ResNet18Dimension = 512;

    private const string InputName = "Input247";
    private const string OutputName = "Pooling395_Output_0";

    private static readonly string[] s_inputNames = [InputName];
    private static readonly string[] s_outputNames = [OutputName];

    private readonly InferenceSession _session;

    // Kept for the embedder's lifetime: a RunOptions collected while Run uses it has crashed the process.
    private readonly RunOptions _runOptions = new();
    private readonly MeanImage _meanImage;
    private readonly ImageLimits _limits;
    private readonly int _maxBatchSize;
    private int _disposed;

    /// <summary>Loads the model (about a second on a CPU) and chooses the execution provider.</summary>
    /// <param name="options">Validated with <see cref="EmbeddingOptionsValidator"/>.</param>
    /// <param name="logger">Receives one line saying which provider is used and why.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The model files are not in the model directory.</exception>
    /// <exception cref="OnnxRuntimeException"><see cref="EmbeddingOptions.Provider"/> is Cuda and CUDA cannot be used.</exception>
    public OnnxImageEmbedder(EmbeddingOptions options, ILogger<OnnxImageEmbedder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new EmbeddingOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EmbeddingOptions), validation.Failures);
        }

        var started = Stopwatch.GetTimestamp();
        var files = ModelFiles.Locate(options.ModelDirectory);
        _meanImage = MeanImage.Load(files.PreprocessPath);
        _limits = ImageLimits.From(options);
        _maxBatchSize = options.MaxBatchSize;
        _session = ModelSessionFactory.Create(files.ModelPath, options, out var provider);
        Provider = provider;
        LoadTime = Stopwatch.GetElapsedTime(started);
        LogLoaded(logger ?? NullLogger<OnnxImageEmbedder>.Instance, files.ModelPath, provider.Name, provider.Reason, LoadTime.TotalMilliseconds);
    }

    /// <inheritdoc/>
    public string ModelId => ResNet18ModelId;

    /// <inheritdoc/>
    public int Dimension => ResNet18Dimension;

    /// <inheritdoc/>
    public ExecutionProviderInfo Provider { get; }

    /// <summary>How long loading the model and creating the session took.</summary>
    public TimeSpan LoadTime { get; }

    /// <inheritdoc/>
    public void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination)
    {
        CheckDestination(destination, 1);
        var input = ArrayPool<float>.Shared.Rent(ImagePreprocessor.InputLength);
        try
        {
            ImagePreprocessor.ToModelInput(encodedImage, input.AsSpan(0, ImagePreprocessor.InputLength), _meanImage, _limits);
            Run(input, 1, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <inheritdoc/>
    public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(encodedImages);
        CheckDestination(destination, encodedImages.Count);
        if (encodedImages.Count == 0)
        {
            return;
        }

        var chunkCapacity = Math.Min(_maxBatchSize, encodedImages.Count);
        var input = ArrayPool<float>.Shared.Rent(chunkCapacity * ImagePreprocessor.InputLength);
        try
        {
            for (var start = 0; start < encodedImages.Count; start += _maxBatchSize)
            {
                var count = Math.Min(_maxBatchSize, encodedImages.Count - start);
                for (var i = 0; i < count; i++)
                {
                    var slice = input.AsSpan(i * ImagePreprocessor.InputLength, ImagePreprocessor.InputLength);
                    try
                    {
                        ImagePreprocessor.ToModelInput(encodedImages[start + i].Span, slice, _meanImage, _limits);
                    }
                    catch (InvalidImageException e)
                    {
                        throw new InvalidImageException($"Image {start + i} of the batch: {e.Message}", e);
                    }
                }

                Run(input, count, destination.Slice(start * Dimension, count * Dimension));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        // The container may dispose both the concrete and the interface registration of the same instance.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.Dispose();
        _runOptions.Dispose();
    }

    private void Run(float[] input, int count, Span<float> destination)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        long[] shape = [count, 3, ImagePreprocessor.InputSize, ImagePreprocessor.InputSize];

        // Wraps the pooled array without copying; ORT reads it only during Run.
        using var inputValue = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, input.AsMemory(0, count * ImagePreprocessor.InputLength), shape);
        using var outputs = _session.Run(_runOptions, s_inputNames, [inputValue], s_outputNames);

        // Output is [count, 512, 1, 1]: exactly count × 512 contiguous floats.
        var features = outputs[0].GetTensorDataAsSpan<float>();
        if (features.Length != count * Dimension)
        {
            throw new InvalidOperationException($"The model returned {features.Length} floats for {count} images; expected {count * Dimension}.");
        }

        features.CopyTo(destination);
    }

    private void CheckDestination(Span<float> destination, int images)
    {
        if (destination.Length != images * Dimension)
        {
            throw new ArgumentException(
                $"The destination must hold exactly {images} × {Dimension} = {images * Dimension} floats; it holds {destination.Length}.",
                nameof(destination));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {ModelPath} on {Provider} ({Reason}) in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string modelPath, string provider, string reason, double elapsedMs);
}
