using System.CommandLine;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Bench;

/// <summary>The <c>--model</c> option, worded as the app's verbs word it: a model name or id, default the configured model.</summary>
internal static class ModelOption
{
    public static Option<string?> Create(string description) => new("--model")
    {
        Description = $"{description} A model name (resnet18 or one under {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Models)}) or a model id. Default: {EmbeddingOptions.SectionName}:{nameof(EmbeddingOptions.Model)}.",
    };
}
