using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using VisualRecSys.Engine.Embedding.Preprocessing;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// An image embedder on ONNX Runtime for one <see cref="EmbeddingModel"/> (ResNet18 by default: 512 pooled features per
/// image, not normalized). One <see cref="InferenceSession"/> per model is shared by all callers (ONNX Runtime allows
/// concurrent runs); register it as a singleton and let the host dispose it.
/// </summary>
public sealed partial class OnnxImageEmbedder : IImageEmbedder, IDisposable
{
    private readonly InferenceSession _session;

    // Kept for the embedder's lifetime: a RunOptions collected while Run uses it has crashed the process.
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly ModelInputFormat _format;
    private readonly ImageLimits _limits;
    private int _disposed;

    // Inferences in progress. Disposing frees the native session; an inference still running in it then reads freed
    // memory and the process dies (SIGSEGV, seen when the app stopped during a "why" computation), so disposal waits.
    private int _running;

    /// <summary>Loads the active model of <paramref name="options"/> (about a second for ResNet18 on a CPU).</summary>
    /// <param name="options">Validated with <see cref="EmbeddingOptionsValidator"/>.</param>
    /// <param name="logger">Receives one line saying which model runs on which provider, and why.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="FileNotFoundException">The model files are not in the model directory.</exception>
    /// <exception cref="ExecutionProviderUnavailableException"><see cref="EmbeddingOptions.Provider"/> is Cuda and CUDA cannot be used.</exception>
    public OnnxImageEmbedder(EmbeddingOptions options, ILogger<OnnxImageEmbedder>? logger = null)
        : this(new EmbeddingModelRegistry(Validated(options)).Active, options, logger)
    {
    }

    /// <summary>Loads <paramref name="model"/> and chooses the execution provider.</summary>
    /// <param name="model">The model, from an <see cref="EmbeddingModelRegistry"/>.</param>
    /// <param name="options">Provider, threads, batch size and image limits; validated with <see cref="EmbeddingOptionsValidator"/>.</param>
    /// <param name="logger">Receives one line saying which model runs on which provider, and why.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="InvalidDataException">The model does not match its configuration (names, input size, dimension).</exception>
    /// <exception cref="ExecutionProviderUnavailableException"><see cref="EmbeddingOptions.Provider"/> is Cuda and CUDA cannot be used.</exception>
    public OnnxImageEmbedder(EmbeddingModel model, EmbeddingOptions options, ILogger<OnnxImageEmbedder>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Validated(options);

        var started = Stopwatch.GetTimestamp();
        Model = model;
        _format = model.InputFormat;
        _limits = ImageLimits.From(options);
        MaxBatchSize = options.MaxBatchSize;
        _session = ModelSessionFactory.Create(model.Path, options, out var provider);
        try
        {
            var (input, output) = ModelSignature.Check(_session, model, _format);
            _inputNames = [input];
            _outputNames = [output];
        }
        catch
        {
            _session.Dispose();
            _runOptions.Dispose();
            throw;
        }

        Provider = provider;
        LoadTime = Stopwatch.GetElapsedTime(started);
        LogLoaded(logger ?? NullLogger<OnnxImageEmbedder>.Instance, model.Id, model.Path, provider.Name, provider.Reason, LoadTime.TotalMilliseconds);
    }

    /// <summary>The model this embedder runs.</summary>
    public EmbeddingModel Model { get; }

    /// <inheritdoc/>
    public string ModelId => Model.Id;

    /// <inheritdoc/>
    public int Dimension => Model.Dimension;

    /// <inheritdoc/>
    public ExecutionProviderInfo Provider { get; }

    /// <summary>The input the model takes: size, channel order, normalisation.</summary>
    public ModelInputFormat InputFormat => _format;

    /// <summary>Most images per model run (<see cref="EmbeddingOptions.MaxBatchSize"/>).</summary>
    public int MaxBatchSize { get; }

    /// <summary>The image size and byte limits applied before decoding.</summary>
    public ImageLimits Limits => _limits;

    /// <summary>How long loading the model and creating the session took.</summary>
    public TimeSpan LoadTime { get; }

    /// <inheritdoc/>
    public void Embed(ReadOnlySpan<byte> encodedImage, Span<float> destination) =>
        Embed(encodedImage, null, ImageView.Original, destination);

    /// <inheritdoc/>
    public void Embed(ReadOnlySpan<byte> encodedImage, CropRegion region, Span<float> destination) =>
        Embed(encodedImage, region, ImageView.Original, destination);

    /// <summary>Embeds <paramref name="region"/> (null: the whole) of one image, in the chosen view.</summary>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    /// <exception cref="CropOutsideImageException"><paramref name="region"/> reaches outside the image.</exception>
    public void Embed(ReadOnlySpan<byte> encodedImage, CropRegion? region, ImageView view, Span<float> destination)
    {
        CheckDestination(destination, 1);
        var input = ArrayPool<float>.Shared.Rent(_format.InputLength);
        try
        {
            ImagePreprocessor.ToModelInput(encodedImage, input.AsSpan(0, _format.InputLength), _format, _limits,
                PreprocessScratch.ForCurrentThread(), view, region);
            Run(input.AsMemory(0, _format.InputLength), 1, destination);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <inheritdoc/>
    public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination) =>
        EmbedBatch(encodedImages, destination, ImageView.Original);

    /// <summary>As <see cref="EmbedBatch(IReadOnlyList{ReadOnlyMemory{byte}}, Span{float})"/>, for the chosen view of the images.</summary>
    public void EmbedBatch(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, Span<float> destination, ImageView view)
    {
        ArgumentNullException.ThrowIfNull(encodedImages);
        CheckDestination(destination, encodedImages.Count);
        if (encodedImages.Count == 0)
        {
            return;
        }

        var length = _format.InputLength;
        var chunkCapacity = Math.Min(MaxBatchSize, encodedImages.Count);
        var input = ArrayPool<float>.Shared.Rent(chunkCapacity * length);
        try
        {
            for (var start = 0; start < encodedImages.Count; start += MaxBatchSize)
            {
                var count = Math.Min(MaxBatchSize, encodedImages.Count - start);
                for (var i = 0; i < count; i++)
                {
                    try
                    {
                        Preprocess(encodedImages[start + i].Span, input.AsSpan(i * length, length), view);
                    }
                    catch (InvalidImageException e)
                    {
                        throw new InvalidImageException($"Image {start + i} of the batch: {e.Message}", e);
                    }
                }

                Run(input.AsMemory(0, count * length), count, destination.Slice(start * Dimension, count * Dimension));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>Decodes an image and writes the model's input for it (<see cref="ModelInputFormat.InputLength"/> floats).</summary>
    /// <exception cref="InvalidImageException">The bytes are not an acceptable image.</exception>
    public void Preprocess(ReadOnlySpan<byte> encodedImage, Span<float> destination) =>
        Preprocess(encodedImage, destination, ImageView.Original);

    /// <summary>As <see cref="Preprocess(ReadOnlySpan{byte}, Span{float})"/>, for the chosen view of the image.</summary>
    public void Preprocess(ReadOnlySpan<byte> encodedImage, Span<float> destination, ImageView view) =>
        ImagePreprocessor.ToModelInput(encodedImage, destination, _format, _limits, PreprocessScratch.ForCurrentThread(), view);

    /// <summary>
    /// Runs the model alone on inputs made by <see cref="Preprocess(ReadOnlySpan{byte}, Span{float})"/>: <paramref name="count"/> × InputLength floats,
    /// one image after another, in one session run.
    /// </summary>
    /// <param name="inputs">The inputs; read only during the call.</param>
    /// <param name="count">Images in <paramref name="inputs"/>.</param>
    /// <param name="destination">Receives <paramref name="count"/> × <see cref="Dimension"/> floats.</param>
    public void EmbedPreprocessed(ReadOnlyMemory<float> inputs, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (inputs.Length != count * _format.InputLength)
        {
            throw new ArgumentException($"Expected {count} × {_format.InputLength} input floats; got {inputs.Length}.", nameof(inputs));
        }

        CheckDestination(destination, count);
        Run(inputs, count, destination);
    }

    /// <summary>As <see cref="Preprocess(ReadOnlySpan{byte}, Span{float})"/>, with the working memory of a pipeline worker.</summary>
    internal void Preprocess(ReadOnlySpan<byte> encodedImage, Span<float> destination, PreprocessScratch scratch, ImageView view = ImageView.Original) =>
        ImagePreprocessor.ToModelInput(encodedImage, destination, _format, _limits, scratch, view);

    /// <summary>
    /// Releases the ONNX Runtime session once the inferences in progress have ended: they are asked to stop (they throw)
    /// and waited for up to <see cref="InferenceDrainTimeout"/>; past that the session is left to the process's end rather
    /// than freed under a running inference. Inferences asked for afterwards throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        // The container may dispose both the concrete and the interface registration of the same instance.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _runOptions.Terminate = true;
        if (!SpinWait.SpinUntil(() => Volatile.Read(ref _running) == 0, InferenceDrainTimeout))
        {
            return;
        }

        _session.Dispose();
        _runOptions.Dispose();
    }

    /// <summary>How long <see cref="Dispose"/> waits for the inferences in progress to end.</summary>
    public static TimeSpan InferenceDrainTimeout { get; } = TimeSpan.FromSeconds(30);

    private void Run(ReadOnlyMemory<float> input, int count, Span<float> destination)
    {
        // Counted before the check: a Dispose that set the flag after this check sees the count and waits (both are
        // interlocked, so neither can miss the other).
        Interlocked.Increment(ref _running);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            RunSession(input, count, destination);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private void RunSession(ReadOnlyMemory<float> input, int count, Span<float> destination)
    {
        long[] shape = [count, 3, _format.InputSize, _format.InputSize];

        // Wraps the caller's floats without copying (ORT pins them and only reads them during Run).
        using var inputValue = OrtValue.CreateTensorValueFromMemory(
            OrtMemoryInfo.DefaultInstance, System.Runtime.InteropServices.MemoryMarshal.AsMemory(input), shape);
        using var outputs = _session.Run(_runOptions, _inputNames, [inputValue], _outputNames);

        // ResNet18's output is [count, 512, 1, 1]: exactly count × 512 contiguous floats.
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

    private static EmbeddingOptions Validated(EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new EmbeddingOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(EmbeddingOptions), validation.Failures);
        }

        return options;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {ModelId} ({ModelPath}) runs on {Provider}: {Reason}; loaded in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, string modelId, string modelPath, string provider, string reason, double elapsedMs);
}
