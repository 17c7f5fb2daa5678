namespace VisualRecSys.Web.Features.Catalog;

/// <summary>Where the catalog's preparation (import → embed → index) stands.</summary>
public enum CatalogPhase
{
    Starting,
    Importing,
    Embedding,
    Indexing,
    Ready,
    Failed,
}

/// <summary>An immutable snapshot of the preparation progress, safe to hand to pages and the API.</summary>
public sealed record CatalogProgress(CatalogPhase Phase, int Done, int Total, string Message, string? ExecutionProvider)
{
    /// <summary>Fraction done in the current phase, 0–1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);
}

/// <summary>
/// The live preparation status shared by the background service, the pages and the API.
/// Pages subscribe to <see cref="Changed"/> so a visitor sees progress without reloading.
/// </summary>
public sealed class CatalogStatus
{
    private CatalogProgress _current = new(CatalogPhase.Starting, 0, 0, "Starting", null);

    /// <summary>Raised after every update; handlers run on the updating thread.</summary>
    public event Action<CatalogProgress>? Changed;

    public CatalogProgress Current => Volatile.Read(ref _current);

    /// <summary>True once a search index has been served at least once (later rebuilds keep it true).</summary>
    public bool IsReady => Current.Phase == CatalogPhase.Ready;

    public void Report(CatalogPhase phase, int done, int total, string message)
    {
        var next = new CatalogProgress(phase, done, total, message, Current.ExecutionProvider);
        Volatile.Write(ref _current, next);
        Changed?.Invoke(next);
    }

    public void SetExecutionProvider(string provider)
    {
        var next = Current with { ExecutionProvider = provider };
        Volatile.Write(ref _current, next);
        Changed?.Invoke(next);
    }
}
