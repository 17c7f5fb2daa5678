namespace VisualRecSys.Web.Features.Catalog;

/// <summary>An import asked for by an admin: the same sources as the <c>import</c> verbs, on folders of the server.</summary>
/// <param name="Kind"><c>folder</c>, <c>fashion-mnist</c> or <c>deepfashion</c>.</param>
/// <param name="Source">The folder to import (folder and DeepFashion: required; Fashion-MNIST: default the Debian package's).</param>
/// <param name="Csv">Folder imports: the catalog CSV; default <c>catalog.csv</c> in the folder.</param>
/// <param name="Limit">Fashion-MNIST: only the first N images of each split.</param>
public sealed record AdminImportRequest(string? Kind, string? Source = null, string? Csv = null, int? Limit = null)
{
    public static IReadOnlyList<string> Kinds { get; } = ["folder", "fashion-mnist", "deepfashion"];

    /// <summary>Checks the parameters; returns the problem with the first bad one, naming it, or null.</summary>
    public string? Validate()
    {
        if (Kind is null || !Kinds.Contains(Kind))
        {
            return $"'kind' must be one of {string.Join(", ", Kinds)}; got '{Kind}'.";
        }

        if (Kind != "fashion-mnist" && string.IsNullOrWhiteSpace(Source))
        {
            return $"'source' (a folder on the server) is required for a {Kind} import.";
        }

        if (!string.IsNullOrWhiteSpace(Source) && !Directory.Exists(Source))
        {
            return $"'source': there is no folder '{Source}' on the server.";
        }

        if (Csv is not null && Kind != "folder")
        {
            return "'csv' applies to folder imports only.";
        }

        if (!string.IsNullOrWhiteSpace(Csv) && !File.Exists(Path.Combine(Source ?? "", Csv)))
        {
            return $"'csv': there is no file '{Csv}' (relative paths are taken from the source folder).";
        }

        if (Limit is not null && (Kind != "fashion-mnist" || Limit < 1))
        {
            return Kind != "fashion-mnist" ? "'limit' applies to Fashion-MNIST imports only." : $"'limit' must be at least 1; got {Limit}.";
        }

        return null;
    }
}
