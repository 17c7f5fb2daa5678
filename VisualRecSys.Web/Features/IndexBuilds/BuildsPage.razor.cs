using Microsoft.AspNetCore.Components;
using MudBlazor;
using VisualRecSys.Data;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.IndexBuilds;

/// <summary>The admin console's start: start an index build, follow it, and activate, roll back or delete builds.</summary>
public sealed partial class BuildsPage : IDisposable
{
    private IReadOnlyList<BuildView> _builds = [];
    private IReadOnlyList<string> _models = [];
    private string? _model;
    private string _metric = "angular";
    private int _trees = IndexBuildRequest.DefaultTrees;
    private int _searchK;
    private bool _activate;
    private bool _busy;
    private string? _message;
    private Severity _messageSeverity = Severity.Info;

    [Inject]
    public required AdminBuilds Builds { get; init; }

    [Inject]
    public required AdminJobs Jobs { get; init; }

    [Inject]
    public required BuildHistory History { get; init; }

    [Inject]
    public required BuildFiles Files { get; init; }

    [Inject]
    public required BuildActivation Activation { get; init; }

    [Inject]
    public required StoredVectors Vectors { get; init; }

    [Inject]
    public required IServedModel ServedModel { get; init; }

    private bool CanStart => !_busy && _model is not null && Jobs.Running is null;

    protected override async Task OnInitializedAsync()
    {
        Jobs.Changed += OnJobChanged;
        // Stores of mirror images are inputs of heads, not models to search with (ModelIds leaves them out).
        _models = Vectors.ModelIds();
        _model = ServedModel.ChosenModelId is { } served && _models.Contains(served) ? served : _models.Count > 0 ? _models[0] : null;
        await ReloadAsync();
    }

    private async Task ReloadAsync() => _builds = await History.ListAsync(CancellationToken.None);

    private async Task StartAsync()
    {
        await RunAsync(async () =>
        {
            var start = await Builds.StartAsync(new AdminBuildRequest(_model, _metric, _trees, _searchK, _activate), CancellationToken.None);
            Say(start.Started ? $"Build job #{start.JobId} started." : start.RefusedBecause!, start.Started ? Severity.Info : Severity.Warning);
        });
    }

    private Task ActivateAsync(int buildId) => RunAsync(async () =>
    {
        var info = await Activation.ActivateAsync(buildId, CancellationToken.None);
        Say($"Index build {info.BuildId} serves now ({info.Items:N0} items, model {info.ModelId}).", Severity.Success);
    });

    private Task RollBackAsync() => RunAsync(async () =>
    {
        var info = await Activation.RollBackAsync(CancellationToken.None);
        Say($"Rolled back: index build {info.BuildId} serves now.", Severity.Success);
    });

    private Task DeleteFileAsync(int buildId) => RunAsync(async () =>
    {
        var freed = await Files.DeleteFileAsync(buildId, CancellationToken.None);
        Say($"Deleted index build {buildId}'s file ({freed / 1e6:0.0} MB).", Severity.Success);
    });

    private void Cancel(int buildId)
    {
        if (!Builds.Cancel(buildId))
        {
            Say($"No job is building index build {buildId}.", Severity.Warning);
        }
    }

    /// <summary>Runs one action with the buttons off; a refusal (not ready, no vectors, active) is shown as it came.</summary>
    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            Say(e.Message, Severity.Warning);
        }
        finally
        {
            _busy = false;
            await ReloadAsync();
        }
    }

    private void Say(string message, Severity severity) => (_message, _messageSeverity) = (message, severity);

    private async Task OnJobFinishedAsync(JobState state) => await ReloadAsync();

    // The history follows the worker even when another page or the API started the job (its build row appears at once).
    private void OnJobChanged(JobState state) => _ = InvokeAsync(async () =>
    {
        if (state.BuildId is not null && _builds.All(b => b.Id != state.BuildId))
        {
            await ReloadAsync();
        }

        StateHasChanged();
    });

    private static Color StatusColor(BuildView build) => build.IsActive
        ? Color.Success
        : build.Status switch
        {
            IndexBuildStatus.Ready => Color.Info,
            IndexBuildStatus.Failed => Color.Error,
            _ => Color.Warning,
        };

    public void Dispose() => Jobs.Changed -= OnJobChanged;
}
