using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// The embedders of the registered models: one <see cref="OnnxImageEmbedder"/> (one session) per model, created on first
/// use and disposed with this object. The app embeds with <see cref="Active"/>; the CLI may ask for another model.
/// </summary>
public sealed class ImageEmbedders : IDisposable
{
    private readonly EmbeddingOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, OnnxImageEmbedder> _embedders = new(StringComparer.OrdinalIgnoreCase);
    private bool _disposed;

    /// <summary>Creates the set over <paramref name="options"/> (validated at host start).</summary>
    public ImageEmbedders(IOptions<EmbeddingOptions> options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Models = new EmbeddingModelRegistry(_options);
    }

    /// <summary>The models that can be asked for.</summary>
    public EmbeddingModelRegistry Models { get; }

    /// <summary>The embedder of the configured model (<see cref="EmbeddingOptions.Model"/>), loaded on first use.</summary>
    /// <exception cref="FileNotFoundException">The model files are missing.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">Provider is Cuda and CUDA cannot be used.</exception>
    public OnnxImageEmbedder Active => Get(Models.Active);

    /// <summary>The configured model's embedder if it has been loaded, else <see langword="null"/> (never loads it).</summary>
    public OnnxImageEmbedder? ActiveIfLoaded
    {
        get
        {
            lock (_lock)
            {
                return _embedders.GetValueOrDefault(_options.Model);
            }
        }
    }

    /// <summary>The embedder of a model given by name or id, loaded on first use.</summary>
    /// <exception cref="ArgumentException">There is no such model.</exception>
    public OnnxImageEmbedder Get(string nameOrId) => Get(Models.Get(nameOrId));

    /// <summary>The embedder of <paramref name="model"/>, loaded on first use.</summary>
    public OnnxImageEmbedder Get(EmbeddingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_embedders.TryGetValue(model.Name, out var embedder))
            {
                // Loading takes about a second; holding the lock keeps two callers from loading the same model twice.
                embedder = new OnnxImageEmbedder(model, _options, _loggerFactory.CreateLogger<OnnxImageEmbedder>());
                _embedders.Add(model.Name, embedder);
            }

            return embedder;
        }
    }

    /// <summary>Releases every session.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var embedder in _embedders.Values)
            {
                embedder.Dispose();
            }

            _embedders.Clear();
        }
    }
}
