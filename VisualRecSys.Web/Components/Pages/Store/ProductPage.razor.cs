using Microsoft.AspNetCore.Components;
using VisualRecSys.Web.Api;
using VisualRecSys.Web.Catalog;
using VisualRecSys.Web.Components.Shared;
using VisualRecSys.Web.Votes;

namespace VisualRecSys.Web.Components.Pages.Store;

/// <summary>A product: its image, details and the most visually similar products with their scores.</summary>
public partial class ProductPage
{
    private bool _loading = true;
    private ProductSummary? _product;
    private SimilarResult? _similar;
    private IReadOnlyList<ProductCardModel> _similarItems = [];
    private int _k = ProductEndpoints.DefaultSimilarCount;
    private bool _sameCategory;

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
    private Dictionary<int, int> _labels = [];

    /// <summary>The product id from the route.</summary>
    [Parameter]
    public int Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _product = await Catalog.FindAsync(Id, CancellationToken.None);
        if (_product is not null)
        {
            await LoadSimilarAsync();
        }
        _loading = false;
    }

    private async Task LoadSimilarAsync()
    {
        _similar = await Similar.FindAsync(Id, _k, CancellationToken.None, _sameCategory);
        _similarItems = _similar.Results.Select(ProductCardModel.From).ToList();
        if (SessionId is not null)
        {
            _labels = await FeedbackStore.LabelsAsync(SessionCookie.UserKey(SessionId), FeedbackVote.ProductQuery(Id), CancellationToken.None);
            _feedback = new FeedbackBinding(_labels, EventCallback.Factory.Create<(int ProductId, int Label)>(this, VoteAsync));
        }
    }

    private async Task VoteAsync((int ProductId, int Label) vote)
    {
        var (outcome, _) = await FeedbackStore.RecordAsync(
            new FeedbackVote(FeedbackVote.ProductQuery(Id), vote.ProductId, vote.Label, SessionCookie.UserKey(SessionId!)), CancellationToken.None);
        if (outcome == FeedbackOutcome.Stored)
        {
            _labels[vote.ProductId] = vote.Label;
        }
    }

    private async Task OnCountChangedAsync(int k)
    {
        _k = k;
        await LoadSimilarAsync();
    }

    private async Task OnSameCategoryChangedAsync(bool sameCategory)
    {
        _sameCategory = sameCategory;
        await LoadSimilarAsync();
    }
}
