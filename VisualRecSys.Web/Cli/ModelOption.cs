using System.CommandLine;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Cli;

/// <summary>The <c>--model</c> option of the verbs: a model name (e.g. <c>resnet18</c>) or a model id; default the configured model.</summary>
internal static class ModelOption
{
    public static Option<string?> Create(string description) => new("--model")
    {
        Description = $"{description} A model name (resnet18 or one under {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Models)}) or a model id. Default: {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Model)}.",
    };

    /// <summary>The model id <paramref name="value"/> stands for: a registered model's id, else the value itself (an id of vectors made elsewhere).</summary>
    public static string ResolveId(IServiceProvider services, string? value)
    {
        var registry = services.GetRequiredService<EmbeddingModelRegistry>();
        if (value is null)
        {
            return registry.Active.Id;
        }

        try
        {
            return registry.Get(value).Id;
        }
        catch (ArgumentException)
        {
            return value;
        }
    }
}
