using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Quality.Jobs;
using VisualRecSys.Web.Features.Quality.Runs;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>A run's dashboard: overall figures on both ground truths, per edit, the per-category table and chart, the confusion heat map, worst queries and lost originals.</summary>
public partial class RunPage
{
    private bool _loading = true;
    private StoredEvaluation? _stored;
    private IReadOnlyList<CategoryFigures> _rows = [];
    private IReadOnlyDictionary<(int Query, int Result), PairFeedback> _pairFeedback = new Dictionary<(int, int), PairFeedback>();

    [Inject]
    public required EvaluationRunStore Runs { get; init; }

    [Inject]
    public required FeedbackReport Feedback { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>The run shown, from the route.</summary>
    [Parameter]
    public int RunId { get; set; }

    /// <summary>The category whose worst queries are shown, from <c>?category=</c>; default the one with the lowest P@k.</summary>
    [SupplyParameterFromQuery(Name = "category")]
    public string? Category { get; set; }

    private string? SelectedCategory =>
        _stored?.Report is { } report && report.WorstQueries.Any(w => w.Category == Category)
            ? Category
            : _stored?.Report?.PerCategory.Where(c => c.Queries > 0).OrderBy(c => c.PrecisionAtK).FirstOrDefault()?.Category;

    protected override async Task OnParametersSetAsync()
    {
        if (_stored?.Run.Id != RunId)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _stored = await Runs.LoadAsync(RunId, CancellationToken.None);
        if (_stored?.Report is { } report)
        {
            var run = _stored.Run;
            // Labels on what this run measured: its index build when it had one, else its model's.
            var human = await Feedback.PrecisionAsync(
                new FeedbackFilter { ModelId = run.ModelId, BuildId = run.IndexBuildId }, CancellationToken.None);
            _rows = CategoryFigures.Of(report, human);
            var queries = report.WorstQueries.SelectMany(w => w.Queries).Select(q => q.Id).ToList();
            _pairFeedback = await Feedback.ForQueriesAsync(queries, CancellationToken.None);
        }

        _loading = false;
    }

    private void ChooseCategory(string? category) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("category", category), replace: true);

    // A category clicked in the table shows its worst queries far below (1,700 px at 1440 × 900): the page moves there,
    // and the focus with it, so keyboard and screen-reader users land on what they asked for too.
    private ElementReference _worstQueriesHeading;
    private bool _showWorstQueries;

    private void ChooseCategoryFromTable(string? category)
    {
        _showWorstQueries = true;
        ChooseCategory(category);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_showWorstQueries && _stored?.Report is not null)
        {
            _showWorstQueries = false;
            await _worstQueriesHeading.FocusAsync(preventScroll: false);
        }
    }

    private async Task OnFinishedAsync(EvaluationJobState state) => await LoadAsync();
}
