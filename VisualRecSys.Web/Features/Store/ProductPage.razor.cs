using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Components.Shared;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Why;

namespace VisualRecSys.Web.Features.Store;

/// <summary>A product: its image, details and the most visually similar products with their scores.</summary>
public partial class ProductPage
{
    private bool _loading = true;
    private ProductSummary? _product;
    private SimilarResult? _similar;
    private IReadOnlyList<ProductCardModel> _similarItems = [];
    private int _k = ProductEndpoints.DefaultSimilarCount;
    private bool _sameCategory;

    // The result whose "why" maps are shown, if any: one at a time, above the list.
    // The result whose "why" panel is shown, and whose toggle takes the focus back when that panel closes itself.
    private readonly WhyChoice<int> _why = new();

    private static readonly int[] s_countOptions = [6, 12, 24, 48];

    [Inject]
    public required ProductCatalog Catalog { get; init; }

    [Inject]
    public required SimilarProducts Similar { get; init; }

    [Inject]
    public required FeedbackStore FeedbackStore { get; init; }

    /// <summary>The anonymous session votes are stored under.</summary>
    [CascadingParameter(Name = "SessionId")]
    public string? SessionId { get; set; }

    private FeedbackBinding? _feedback;

    /// <summary>The product id from the route.</summary>
    [Parameter]
    public int Id { get; set; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    /// <summary>How many similar products, from <c>?show=</c> (one of the count options; otherwise the default).</summary>
    [SupplyParameterFromQuery(Name = "show")]
    public int? Show { get; set; }

    /// <summary>Similar products of the same category only, from <c>?same=true</c>.</summary>
    [SupplyParameterFromQuery(Name = "same")]
    public bool? Same { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // The choices live in the URL, so a reload or a shared link shows the same list.
        _k = Show is { } show && s_countOptions.Contains(show) ? show : ProductEndpoints.DefaultSimilarCount;
        _sameCategory = Same ?? false;
        _why.Reset();
        if (_product is not null && _product.Id == Id)
        {
            // Only the list's choices changed: the product and the controls stay as they are, so the menu or switch just
            // used keeps its place and the keyboard focus, and only the list is asked again.
            await LoadSimilarAsync();
            return;
        }

        _loading = true;
        _product = await Catalog.FindAsync(Id, CancellationToken.None);
        if (_product is not null)
        {
            await LoadSimilarAsync();
        }
        else if ((await Catalog.FindHiddenAsync(Id, CancellationToken.None))?.KeptInStore is { } kept)
        {
            // A duplicate hidden from the store: old and shared links land on the product kept in its place, with the
            // same choices of the similar list.
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters($"/products/{kept}", new Dictionary<string, object?>
            {
                ["show"] = Show,
                ["same"] = Same,
            }), replace: true);
            return;
        }
        else
        {
            // A 404 for crawlers, link checkers and shared links: the router shows the not-found page.
            Navigation.NotFound();
        }
        _loading = false;
    }

    private async Task LoadSimilarAsync()
    {
        _similar = await Similar.FindAsync(Id, _k, CancellationToken.None, _sameCategory);
        _similarItems = _similar.Results.Select(ProductCardModel.From).ToList();
        _feedback = await FeedbackBinding.LoadAsync(FeedbackStore, SessionId, FeedbackVote.ProductQuery(Id), this);
    }

    private void OnCountChanged(int k) => NavigateWith(k, _sameCategory);

    private void OnSameCategoryChanged(bool sameCategory) => NavigateWith(_k, sameCategory);

    // Replaces the history entry: the choice is a view of the same product, Back still leaves the product.
    private void NavigateWith(int k, bool sameCategory) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["show"] = k == ProductEndpoints.DefaultSimilarCount ? null : k,
            ["same"] = sameCategory ? "true" : null,
        }), replace: true);
}
