using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>The quality console's start: launch an evaluation, follow it live, list the stored runs.</summary>
public sealed partial class QualityPage : IDisposable
{
    private IReadOnlyList<EvaluationRunView> _runs = [];

    [Inject]
    public required EvaluationRunStore Runs { get; init; }

    [Inject]
    public required EvaluationJobs Jobs { get; init; }

    [Inject]
    public required CatalogStatus Catalog { get; init; }

    // While the catalog is being prepared its vectors are still being written; a failed catalog may still have stores.
    private bool CanStart => Catalog.Current.Phase is CatalogPhase.Ready or CatalogPhase.Failed && Jobs.Current is not { IsRunning: true };

    protected override async Task OnInitializedAsync()
    {
        Jobs.Changed += OnJobChanged;
        Catalog.Changed += OnCatalogChanged;
        _runs = await Runs.ListAsync(CancellationToken.None);
    }

    private async Task OnStartedAsync(int runId) => _runs = await Runs.ListAsync(CancellationToken.None);

    private async Task OnFinishedAsync(EvaluationJobState state) => _runs = await Runs.ListAsync(CancellationToken.None);

    // The start button follows the worker and the catalog even when another page started the evaluation.
    private void OnJobChanged(EvaluationJobState state) => _ = InvokeAsync(StateHasChanged);

    private void OnCatalogChanged(CatalogProgress progress) => _ = InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        Jobs.Changed -= OnJobChanged;
        Catalog.Changed -= OnCatalogChanged;
    }
}
