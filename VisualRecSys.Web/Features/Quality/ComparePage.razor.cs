using System.Globalization;
using Microsoft.AspNetCore.Components;
using VisualRecSys.Data;
using VisualRecSys.Web.Components.Shared;
using VisualRecSys.Web.Features.Quality.Comparison;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>Two completed runs side by side, chosen in the URL (<c>?a=1&amp;b=2</c>) so a comparison can be shared.</summary>
public partial class ComparePage
{
    private IReadOnlyList<EvaluationRunView> _completed = [];
    private RunComparison? _comparison;
    private string? _error;

    [Inject]
    public required EvaluationRunStore Runs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The baseline run, from <c>?a=</c>; default the second newest completed run.</summary>
    [SupplyParameterFromQuery(Name = "a")]
    public int? A { get; set; }

    /// <summary>The candidate run, from <c>?b=</c>; default the newest completed run.</summary>
    [SupplyParameterFromQuery(Name = "b")]
    public int? B { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _completed = [.. (await Runs.ListAsync(CancellationToken.None)).Where(r => r.Status == EvaluationRunStatus.Completed)];
        if (_completed.Count >= 2)
        {
            A ??= _completed[1].Id;
            B ??= _completed[0].Id;
        }

        _comparison = null;
        _error = null;
        if (A is int a && B is int b)
        {
            var first = await Runs.LoadAsync(a, CancellationToken.None);
            var second = await Runs.LoadAsync(b, CancellationToken.None);
            if (first?.Report is null || second?.Report is null)
            {
                _error = $"Run {(first?.Report is null ? a : b)} is not a completed evaluation run.";
            }
            else
            {
                _comparison = RunComparison.Of(first.Run, first.Report, second.Run, second.Report);
            }
        }
    }

    private void Navigate(int? a, int? b) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["a"] = a,
        ["b"] = b,
    }));

    private static string Describe(EvaluationRunView run) => string.Create(CultureInfo.InvariantCulture,
        $"#{run.Id} · {run.ModelId} · k = {run.K}{(run.IndexBuildId is int build ? $" · build {build}" : "")} · P@10 {Figure.Of(run.PrecisionAt10)}{(run.InstanceRecallAt1 is double r1 ? $" · Inst. R@1 {Figure.Of(r1)}" : "")}");
}
