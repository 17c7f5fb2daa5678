using Microsoft.AspNetCore.Components;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Components.Shared;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Store;

namespace VisualRecSys.Web.Features.Search;

/// <summary>Search by one uploaded image or an outfit of several, optionally within a category.</summary>
public partial class SearchPage
{
    private const int ResultCount = 24;

    private IReadOnlyList<UploadedImage> _images = [];
    private IReadOnlyList<string> _categories = [];
    private IReadOnlyList<ProductCardModel>? _results;
    private string? _category;
    private string? _message;
    private bool _searching;
    private int _searchedImages;

    [Inject]
    public required ImageSearch Search { get; init; }

    [Inject]
    public required ProductCatalog Catalog { get; init; }

    [Inject]
    public required FeedbackStore FeedbackStore { get; init; }

    /// <summary>The anonymous session votes are stored under.</summary>
    [CascadingParameter(Name = "SessionId")]
    public string? SessionId { get; set; }

    private FeedbackBinding? _feedback;

    protected override async Task OnInitializedAsync() =>
        _categories = await Catalog.CategoriesAsync(CancellationToken.None);

    private async Task OnImagesSelectedAsync(IReadOnlyList<UploadedImage> images)
    {
        _images = images;
        await RunSearchAsync();
    }

    /// <summary>Takes one image out of the query: the results and the heading then answer the images left.</summary>
    private async Task RemoveAsync(UploadedImage image)
    {
        _images = [.. _images.Where(i => !ReferenceEquals(i, image))];
        await RunSearchAsync();
    }

    private async Task OnCategoryChangedAsync(string? category)
    {
        _category = string.IsNullOrEmpty(category) ? null : category;
        await RunSearchAsync();
    }

    private async Task RunSearchAsync()
    {
        var usable = _images.Where(i => i.Error is null).Select(i => i.Bytes).ToList();
        _message = _images.Any(i => i.Error is not null) ? "Some images could not be read and were left out." : null;
        if (usable.Count == 0)
        {
            _results = null;
            _searchedImages = 0;
            return;
        }

        _searching = true;
        StateHasChanged();
        try
        {
            // The model and the index are CPU work: keep them off the circuit's synchronization context.
            var result = await Task.Run(() => Search.FindAsync(usable, ResultCount, _category, CancellationToken.None));
            if (result.Outcome == SimilarOutcome.IndexNotReady)
            {
                _message = "The catalog is still being prepared; try again in a moment.";
                _results = null;
                return;
            }

            _searchedImages = result.Images;
            _results = result.Results.Select(ProductCardModel.From).ToList();
            _feedback = await FeedbackBinding.LoadAsync(FeedbackStore, SessionId, FeedbackVote.UploadQuery(result.QueryHash), this);
        }
        catch (Exception e) when (e is InvalidImageException or UploadsBusyException or NoImagePipelineException)
        {
            _message = e.Message;
            _results = null;
        }
        finally
        {
            _searching = false;
        }
    }
}
