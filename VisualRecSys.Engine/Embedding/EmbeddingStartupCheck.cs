using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace VisualRecSys.Engine.Embedding;

/// <summary>
/// Loads the model while the host starts when <see cref="EmbeddingOptions.Provider"/> is Cuda, so a machine without
/// usable CUDA fails the start with <see cref="ExecutionProviderUnavailableException"/> (saying why and what to set)
/// instead of an app that runs and then fails on its first embedding. Auto and Cpu keep loading on first use.
/// </summary>
internal sealed class EmbeddingStartupCheck(IOptions<EmbeddingOptions> options, ImageEmbedders embedders) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Provider == ExecutionProviderPreference.Cuda)
        {
            _ = embedders.Active;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
