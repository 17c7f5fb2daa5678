using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests;

public sealed class OptionsAndRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVisualRecSysEngine();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new EmbeddingOptions();
        Assert.True(new EmbeddingOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal((ExecutionProviderPreference.Auto, 0, 16, 20 * 1024 * 1024, 40_000_000, (string?)null),
            (options.Provider, options.IntraOpThreads, options.MaxBatchSize, options.MaxImageBytes, options.MaxImagePixels, options.ModelDirectory));
    }

    [Theory]
    [InlineData("MaxBatchSize", "0", "VisualRecSys:Embedding:MaxBatchSize must be between 1 and 256")]
    [InlineData("MaxBatchSize", "257", "VisualRecSys:Embedding:MaxBatchSize must be between 1 and 256")]
    [InlineData("IntraOpThreads", "-1", "VisualRecSys:Embedding:IntraOpThreads must be between 0 and 256")]
    [InlineData("MaxImageBytes", "0", "VisualRecSys:Embedding:MaxImageBytes must be between 1 and")]
    [InlineData("MaxImagePixels", "0", "VisualRecSys:Embedding:MaxImagePixels must be between 1 and")]
    [InlineData("ModelDirectory", " ", "VisualRecSys:Embedding:ModelDirectory")]
    public void Invalid_configuration_fails_validation_naming_the_key(string key, string value, string message)
    {
        using var provider = Build(new() { [$"VisualRecSys:Embedding:{key}"] = value });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value);
        Assert.Contains(e.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Configuration_is_bound()
    {
        using var provider = Build(new()
        {
            ["VisualRecSys:Embedding:Provider"] = "Cpu",
            ["VisualRecSys:Embedding:MaxBatchSize"] = "4",
            ["VisualRecSys:Embedding:ModelDirectory"] = "/models",
        });

        var options = provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
        Assert.Equal((ExecutionProviderPreference.Cpu, 4, "/models"), (options.Provider, options.MaxBatchSize, options.ModelDirectory));
    }

    [Fact]
    public void Missing_model_files_give_a_clear_FileNotFoundException()
    {
        var directory = Path.Combine(Path.GetTempPath(), "no-models-" + Guid.NewGuid().ToString("N"));
        using var provider = Build(new() { ["VisualRecSys:Embedding:ModelDirectory"] = directory });

        var e = Assert.Throws<FileNotFoundException>(() => provider.GetRequiredService<IImageEmbedder>());
        Assert.Contains("ResNet18.onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains("VisualRecSys:Embedding:ModelDirectory", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Embedder_is_one_singleton_that_splits_batches_and_is_disposed_with_the_container()
    {
        var provider = Build(new()
        {
            ["VisualRecSys:Embedding:Provider"] = "Cpu",
            ["VisualRecSys:Embedding:MaxBatchSize"] = "3",
            ["VisualRecSys:Embedding:IntraOpThreads"] = "1",
        });

        var embedder = provider.GetRequiredService<IImageEmbedder>();
        Assert.Same(embedder, provider.GetRequiredService<IImageEmbedder>());
        Assert.Same(embedder, provider.GetRequiredService<OnnxImageEmbedder>());
        Assert.Equal(new ExecutionProviderInfo("CPU", "configured"), embedder.Provider);

        // Seven images with batches of at most three: chunks of 3, 3 and 1 must each land in the right place.
        var images = TestImages.Names("sneaker").Concat(TestImages.Names("trouser")).Append(TestImages.Names("bag")[0])
            .Select(n => (ReadOnlyMemory<byte>)TestImages.Load(n)).ToArray();
        var batch = new float[images.Length * 512];
        embedder.EmbedBatch(images, batch);
        var single = new float[512];
        for (var i = 0; i < images.Length; i++)
        {
            embedder.Embed(images[i].Span, single);
            for (var j = 0; j < 512; j++)
            {
                Assert.True(Math.Abs(single[j] - batch[(i * 512) + j]) < 1e-4f, $"image {i}, feature {j}");
            }
        }

        provider.Dispose();
        Assert.Throws<ObjectDisposedException>(() => embedder.Embed(TestImages.Sneaker(0), single));
    }
}
