using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;

// In the DI namespace, as .NET's own Add* extensions are, so hosts find it without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the VisualRecSys engine's services.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="EmbeddingOptions"/> from <see cref="EmbeddingOptions.SectionName"/> (checked at host
    /// start) and registers <see cref="IImageEmbedder"/> as a singleton <see cref="OnnxImageEmbedder"/>, created, and its
    /// model loaded (about a second), on first use and disposed with the container.
    /// </summary>
    public static IServiceCollection AddVisualRecSysEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());

        services.TryAddSingleton(sp => new OnnxImageEmbedder(
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            sp.GetService<ILogger<OnnxImageEmbedder>>()));
        services.TryAddSingleton<IImageEmbedder>(sp => sp.GetRequiredService<OnnxImageEmbedder>());
        return services;
    }
}
