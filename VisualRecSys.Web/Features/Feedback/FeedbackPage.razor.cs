using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Features.Feedback;

/// <summary>Every thumbs up/down, filtered in the URL (the CSV export takes the same parameters), with human precision per category.</summary>
public partial class FeedbackPage
{
    private const int PageSize = 50;

    private FeedbackFilter _filter = new();
    private string? _error;
    private IReadOnlyList<string> _categories = [];
    private IReadOnlyList<int> _builds = [];
    private HumanPrecisionReport? _precision;
    private FeedbackListing? _listing;

    [Inject]
    public required FeedbackReport Feedback { get; init; }

    [Inject]
    public required ProductCatalog Catalog { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromQuery(Name = FeedbackFilter.CategoryParameter)]
    public string? Category { get; set; }

    [SupplyParameterFromQuery(Name = FeedbackFilter.LabelParameter)]
    public string? Label { get; set; }

    [SupplyParameterFromQuery(Name = FeedbackFilter.BuildParameter)]
    public string? Build { get; set; }

    [SupplyParameterFromQuery(Name = FeedbackFilter.ModelParameter)]
    public string? Model { get; set; }

    [SupplyParameterFromQuery(Name = FeedbackFilter.FromParameter)]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = FeedbackFilter.ToParameter)]
    public string? To { get; set; }

    /// <summary>The 1-based page from <c>?page=</c>.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public int? Page { get; set; }

    private int PageCount => _listing is null ? 1 : Math.Max(1, (_listing.Total + PageSize - 1) / PageSize);

    private int CurrentPage => Math.Clamp(Page ?? 1, 1, PageCount);

    private string CsvHref => "/api/quality/feedback.csv" + _filter.ToQueryString();

    protected override async Task OnParametersSetAsync()
    {
        var parameters = new Dictionary<string, string?>
        {
            [FeedbackFilter.CategoryParameter] = Category,
            [FeedbackFilter.LabelParameter] = Label,
            [FeedbackFilter.BuildParameter] = Build,
            [FeedbackFilter.ModelParameter] = Model,
            [FeedbackFilter.FromParameter] = From,
            [FeedbackFilter.ToParameter] = To,
        };
        // A bad parameter in a hand-edited URL is named and dropped; the page still shows the rest.
        _error = FeedbackFilter.TryParse(name => parameters.GetValueOrDefault(name), out _filter, out var error) ? null : error;
        if (_categories.Count == 0)
        {
            _categories = await Catalog.CategoriesAsync(CancellationToken.None);
            _builds = await Feedback.BuildsAsync(CancellationToken.None);
        }

        _precision = await Feedback.PrecisionAsync(_filter with { Label = null }, CancellationToken.None);
        _listing = await Feedback.ListAsync(_filter, Math.Max(1, Page ?? 1), PageSize, CancellationToken.None);
    }

    private void Navigate(FeedbackFilter filter, int? page = null)
    {
        var query = filter.ToQuery();
        query["page"] = page is null or 1 ? null : page;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query));
    }

    private void OnPageChanged(int page) => Navigate(_filter, page);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTime? AsDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static DateOnly? AsDate(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;
}
