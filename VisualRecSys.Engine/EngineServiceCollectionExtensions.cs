using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;

// In the DI namespace, as .NET's own Add* extensions are, so hosts find it without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the VisualRecSys engine's services.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="EmbeddingOptions"/> from <see cref="EmbeddingOptions.SectionName"/> (checked at host
    /// start) and registers <see cref="ImageEmbedders"/> (one session per model, loaded on first use, disposed with the
    /// container), <see cref="EmbeddingModelRegistry"/>, and <see cref="IImageEmbedder"/> / <see cref="OnnxImageEmbedder"/>
    /// as the configured model's embedder. With Provider = Cuda a hosted service loads the model at start, so an
    /// unusable GPU stops the start with a clear message.
    /// </summary>
    public static IServiceCollection AddVisualRecSysEngine(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<EmbeddingOptions>()
            .BindConfiguration(EmbeddingOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>());

        services.TryAddSingleton<ImageEmbedders>();
        services.TryAddSingleton(sp => sp.GetRequiredService<ImageEmbedders>().Models);
        services.TryAddSingleton(sp => sp.GetRequiredService<ImageEmbedders>().Active);
        services.TryAddSingleton<IImageEmbedder>(sp => sp.GetRequiredService<OnnxImageEmbedder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EmbeddingStartupCheck>());
        return services;
    }
}
