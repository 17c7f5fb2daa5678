using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using VisualRecSys.Data;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Components.Shared;
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
    private string? _pending;
    private BuildView? _rollbackTarget;
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
    public required ServedModel ServedModel { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    /// <summary>Why the roll back button is off when there is nothing to roll back to.</summary>
    public const string NoRollbackReason = "Nothing to roll back to: no earlier active build still has its file.";

    private bool CanStart => !_busy && _model is not null && Jobs.Running is null;

    protected override async Task OnInitializedAsync()
    {
        Jobs.Changed += OnJobChanged;
        // Stores of mirror images are inputs of heads, not models to search with (ModelIds leaves them out).
        _models = Vectors.ModelIds();
        _model = ServedModel.ChosenModelId is { } served && _models.Contains(served) ? served : _models.Count > 0 ? _models[0] : null;
        await ReloadAsync();
    }

    // The rollback's target is what BuildActivation.RollBackAsync would choose (BuildHistory.FindPreviousAsync), read again
    // with every reload so the button names it before it is pressed.
    private async Task ReloadAsync()
    {
        _builds = await History.ListAsync(CancellationToken.None);
        _rollbackTarget = await History.FindRollBackTargetAsync(CancellationToken.None);
    }

    private Task StartAsync() => RunAsync("start", async () =>
    {
        var start = await Builds.StartAsync(new AdminBuildRequest(_model, _metric, _trees, _searchK, _activate), CancellationToken.None);
        Say(start.Started ? $"Build job #{start.JobId} started." : start.RefusedBecause!, start.Started ? Severity.Info : Severity.Warning);
    });

    private Task ActivateAsync(int buildId) => RunAsync($"activate-{buildId}", async () =>
    {
        var info = await Activation.ActivateAsync(buildId, CancellationToken.None);
        Say($"Index build {info.BuildId} serves now ({info.Items:N0} items, model {info.ModelId}).", Severity.Success);
    });

    private async Task RollBackAsync()
    {
        if (_rollbackTarget is not { } target)
        {
            return;
        }

        var active = _builds.FirstOrDefault(b => b.IsActive);
        var from = active is null ? "the index served now" : $"#{active.Id} ({active.ModelId})";
        if (!await ConfirmAsync(
                $"Roll back to index build #{target.Id}?",
                $"Serving switches from {from} to #{target.Id} ({target.ModelId}, {target.Items:N0} items, activated {Figure.Time(target.ActivatedAt!.Value)}). "
                + $"Queries in flight finish on the old one, which stays in the history and can be activated again (a second roll back returns to it).",
                $"Roll back to #{target.Id}"))
        {
            return;
        }

        // The build confirmed is the one activated: RollBackAsync's own choice (FindPreviousAsync), named before the click.
        await RunAsync("rollback", async () =>
        {
            var info = await Activation.ActivateAsync(target.Id, CancellationToken.None);
            Say($"Rolled back: index build {info.BuildId} serves now.", Severity.Success);
        });
    }

    private async Task DeleteFileAsync(BuildView build)
    {
        var size = build.FileBytes is { } bytes ? $" ({Megabytes(bytes)})" : "";
        if (!await ConfirmAsync(
                $"Delete index build #{build.Id}'s file?",
                $"Delete index build #{build.Id}'s file{size}? The build stays in the history but can no longer be activated.",
                "Delete file"))
        {
            return;
        }

        await RunAsync($"delete-{build.Id}", async () =>
        {
            var freed = await Files.DeleteFileAsync(build.Id, CancellationToken.None);
            Say($"Deleted index build {build.Id}'s file ({Megabytes(freed)}).", Severity.Success);
        });
    }

    private async Task CancelAsync(int buildId)
    {
        if (!await ConfirmAsync(
                $"Cancel index build #{buildId}?",
                $"Cancel index build #{buildId}? The build stops where it is and is kept in the history as failed (cancelled); its work so far is lost.",
                "Cancel build", "Keep building"))
        {
            return;
        }

        await RunAsync($"cancel-{buildId}", () =>
        {
            if (!Builds.Cancel(buildId))
            {
                Say($"No job is building index build {buildId}.", Severity.Warning);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Asks before an action that cannot be undone; true when the admin confirmed.</summary>
    private async Task<bool> ConfirmAsync(string title, string message, string yes, string no = "Cancel") =>
        await Dialogs.ShowMessageBoxAsync(
            new MessageBoxOptions { Title = title, Message = message, YesText = yes, CancelText = no },
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small }) == true;

    internal static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB");

    // The history's dates fit one line: month, day and minute (UTC); the full time is the cell's title.
    internal static string ShortTime(DateTimeOffset value) => value.UtcDateTime.ToString("MMM d, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The status chip's word: "active", "file deleted" for a ready build without its file, else the status.</summary>
    internal static string StatusName(BuildView build) => build.IsActive
        ? "active"
        : build.Status == IndexBuildStatus.Ready && !build.HasFile ? "file deleted" : build.Status.ToLowerName();

    /// <summary>
    /// Runs one action with the buttons off and its own button busy (<paramref name="key"/>); a refusal (not ready, no
    /// vectors, active) is shown as it came.
    /// </summary>
    private async Task RunAsync(string key, Func<Task> action)
    {
        (_busy, _pending) = (true, key);
        StateHasChanged();
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
            (_busy, _pending) = (false, null);
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
        : build.Status == IndexBuildStatus.Ready && !build.HasFile
            ? Color.Default
            : build.Status switch
        {
            IndexBuildStatus.Ready => Color.Info,
            IndexBuildStatus.Failed => Color.Error,
            _ => Color.Warning,
        };

    public void Dispose() => Jobs.Changed -= OnJobChanged;
}
