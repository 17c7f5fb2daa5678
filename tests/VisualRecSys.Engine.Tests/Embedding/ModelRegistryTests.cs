using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Exact;
using VisualRecSys.Engine.Index.Forest;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>
/// Configured models and model ids. A second model is the ResNet18 file registered under another name: the same network,
/// so its vectors equal the built-in one's, yet its id differs and nothing built with one is used with the other.
/// </summary>
public sealed class ModelRegistryTests
{
    private static readonly ModelFiles s_files = ModelFiles.Locate();

    private static Dictionary<string, string?> CopyOfResNet18(string name) => new()
    {
        [$"VisualRecSys:Embedding:Models:{name}:Path"] = s_files.ModelPath,
        [$"VisualRecSys:Embedding:Models:{name}:ChannelOrder"] = "Bgr",
        [$"VisualRecSys:Embedding:Models:{name}:MeanImageFile"] = s_files.PreprocessPath,
        [$"VisualRecSys:Embedding:Models:{name}:OutputName"] = "Pooling395_Output_0",
        [$"VisualRecSys:Embedding:Models:{name}:Dimension"] = "512",
    };

    private static EmbeddingOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddVisualRecSysEngine();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
    }

    [Fact]
    public void Configured_models_are_bound_and_the_active_one_chosen()
    {
        var options = Bind(new(CopyOfResNet18("copy")) { ["VisualRecSys:Embedding:Model"] = "copy" });
        var registry = new EmbeddingModelRegistry(options);

        Assert.Equal(["resnet18", "copy"], registry.Names);
        var active = registry.Active;
        Assert.Equal(("copy", false, 512, ChannelOrder.Bgr), (active.Name, active.IsBuiltIn, active.Dimension, active.InputFormat.ChannelOrder));
        Assert.NotNull(active.InputFormat.MeanImage);
        Assert.Same(active, registry.Get(active.Id));
        Assert.True(registry.Get("resnet18").IsBuiltIn);
    }

    [Fact]
    public void The_same_file_under_another_name_or_preprocessing_has_another_id()
    {
        var registry = new EmbeddingModelRegistry(Bind(new(CopyOfResNet18("copy"))
        {
            ["VisualRecSys:Embedding:Models:torchlike:Path"] = s_files.ModelPath,
            ["VisualRecSys:Embedding:Models:torchlike:Dimension"] = "512",
        }));

        var builtIn = registry.Get("resnet18").Id;
        var copy = registry.Get("copy").Id;
        var torchlike = registry.Get("torchlike").Id;

        Assert.Matches("^resnet18-[0-9a-f]{12}$", builtIn);
        Assert.Matches("^copy-[0-9a-f]{12}$", copy);
        Assert.Equal(builtIn["resnet18-".Length..], copy["copy-".Length..]); // same file, same preprocessing
        Assert.NotEqual(builtIn["resnet18-".Length..], torchlike["torchlike-".Length..]); // RGB, 0..1, ImageNet mean/std
    }

    [Theory]
    [InlineData("Model", "missing", "VisualRecSys:Embedding:Model 'missing' is not a model")]
    [InlineData("Models:r50:Dimension", "2048", "VisualRecSys:Embedding:Models:r50:Path is required")]
    [InlineData("Models:r50:Path", "/no/such/model.onnx", "VisualRecSys:Embedding:Models:r50:Path '/no/such/model.onnx' does not exist")]
    [InlineData("Models:resnet18:Path", "/x.onnx", "VisualRecSys:Embedding:Models:resnet18: 'resnet18' is the built-in model")]
    [InlineData("Models:r50:Mean:0", "0.5", "VisualRecSys:Embedding:Models:r50:Mean must be three numbers")]
    [InlineData("Models:r50:InputSize", "8", "VisualRecSys:Embedding:Models:r50:InputSize must be between 16 and 2048")]
    public void Invalid_model_configuration_names_the_key(string key, string value, string message)
    {
        var e = Assert.Throws<OptionsValidationException>(() => Bind(new() { [$"VisualRecSys:Embedding:{key}"] = value }));
        Assert.Contains(e.Failures, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_that_does_not_match_its_configuration_fails_at_load_naming_the_key()
    {
        var options = Bind(new(CopyOfResNet18("copy")) { ["VisualRecSys:Embedding:Models:copy:Dimension"] = "2048" });
        options.Provider = ExecutionProviderPreference.Cpu;

        var e = Assert.Throws<InvalidDataException>(() => new OnnxImageEmbedder(new EmbeddingModelRegistry(options).Get("copy"), options));
        Assert.Contains("VisualRecSys:Embedding:Models:copy:Dimension is 2048", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_from_another_model_is_refused_by_exact_forest_and_delta_indexes()
    {
        var random = new Random(3);
        var vectors = Enumerable.Range(0, 200 * 8).Select(_ => (float)random.NextDouble()).ToArray();
        var matrix = new EmbeddingMatrix("resnet18-aaaaaaaaaaaa", 8, [.. Enumerable.Range(0, 200)], vectors);
        using var forest = ForestIndex.Build(matrix, DistanceMetric.Angular, new ForestOptions { Trees = 2 });
        IVectorIndex[] indexes = [new ExactIndex(matrix, DistanceMetric.Angular), forest, new DeltaIndex(forest)];
        var hits = new SearchHit[5];

        foreach (var index in indexes)
        {
            Assert.Equal("resnet18-aaaaaaaaaaaa", index.ModelId);
            Assert.Equal(5, index.Search("resnet18-aaaaaaaaaaaa", matrix.Vector(0), 5, hits, SearchFilter.None));
            var e = Assert.Throws<ModelMismatchException>(() => index.Search("copy-aaaaaaaaaaaa", matrix.Vector(0), 5, hits, SearchFilter.None));
            Assert.Contains("holds vectors of model 'resnet18-aaaaaaaaaaaa', but these come from model 'copy-aaaaaaaaaaaa'", e.Message, StringComparison.Ordinal);
        }
    }
}
