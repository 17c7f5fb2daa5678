using Microsoft.AspNetCore.Components;
using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality.Jobs;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>The form that starts a background evaluation through <see cref="EvaluationJobs"/>.</summary>
public partial class EvaluationLauncher
{
    private static readonly int s_maxEdits = EditedInstanceInput.MaxEditsPerQuery;

    private readonly EvaluationForm _form = new();
    private IReadOnlyList<string> _models = [];
    private string? _activeModel;
    private IReadOnlyList<BuildChoice> _builds = [];
    private string? _refusal;
    private bool _starting;

    [Inject]
    public required EvaluationChoices Choices { get; init; }

    [Inject]
    public required EvaluationJobs Jobs { get; init; }

    /// <summary>Whether an evaluation may start now (the catalog is ready and none runs). Default: true.</summary>
    [Parameter]
    public bool Enabled { get; set; } = true;

    /// <summary>Raised with the new run's id once an evaluation started. Default: none.</summary>
    [Parameter]
    public EventCallback<int> OnStarted { get; set; }

    private bool CanStart => Enabled && !_starting && _form.Model is not null;

    protected override async Task OnInitializedAsync()
    {
        _models = Choices.Models();
        _activeModel = Choices.ActiveModel();
        // The model the app serves with, when it has vectors; else the first store.
        await OnModelChangedAsync(_activeModel is not null && _models.Contains(_activeModel) ? _activeModel : _models.Count > 0 ? _models[0] : null);
    }

    private async Task OnModelChangedAsync(string? model)
    {
        _form.Model = model;
        _builds = model is null ? [] : await Choices.BuildsAsync(model, CancellationToken.None);
        // The active build when it holds this model, else the newest.
        _form.Build = (_builds.FirstOrDefault(b => b.IsActive) ?? (_builds.Count > 0 ? _builds[0] : null))?.Id;
    }

    private async Task StartAsync()
    {
        if (_form.ToRequest() is not { } request)
        {
            return;
        }

        _starting = true;
        _refusal = null;
        try
        {
            var start = await Jobs.TryStartAsync(request, CancellationToken.None);
            if (start.RunId is int runId)
            {
                await OnStarted.InvokeAsync(runId);
            }
            else
            {
                _refusal = start.RefusedBecause;
            }
        }
        finally
        {
            _starting = false;
        }
    }
}
