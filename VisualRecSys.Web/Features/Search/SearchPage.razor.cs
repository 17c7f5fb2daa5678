using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Recommend;
using VisualRecSys.Web.Components.Shared;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Store;

namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// Search by one uploaded image, a region of it, or an outfit of several (the whole outfit, then each piece on its
/// own), optionally within a category.
/// </summary>
public partial class SearchPage
{
    private const int ResultCount = 24;

    /// <summary>A piece's row: one row of cards on a wide screen, and few enough to scan down an outfit of eight.</summary>
    private const int PieceResultCount = 6;

    private IReadOnlyList<ChosenImage> _images = [];
    private IReadOnlyList<string> _categories = [];
    private IReadOnlyList<ProductCardModel>? _results;
    private IReadOnlyList<PieceRow> _pieces = [];
    private ChosenImage? _cropping;
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

    [Inject]
    public required IOptions<EmbeddingOptions> Embedding { get; init; }

    /// <summary>The anonymous session votes are stored under.</summary>
    [CascadingParameter(Name = "SessionId")]
    public string? SessionId { get; set; }

    private FeedbackBinding? _feedback;

    protected override async Task OnInitializedAsync() =>
        _categories = await Catalog.CategoriesAsync(CancellationToken.None);

    private async Task OnImagesSelectedAsync(IReadOnlyList<UploadedImage> images)
    {
        var limits = ImageLimits.From(Embedding.Value);
        _images = await Task.Run(() => images.Select(i => ChosenImage.Prepare(i, limits)).ToList());
        _cropping = _images.FirstOrDefault(i => i.CanCrop);
        await RunSearchAsync();
    }

    /// <summary>Takes one image out of the query: the results and the heading then answer the images left.</summary>
    private async Task RemoveAsync(ChosenImage image)
    {
        _images = [.. _images.Where(i => !ReferenceEquals(i, image))];
        if (ReferenceEquals(_cropping, image))
        {
            _cropping = _images.FirstOrDefault(i => i.CanCrop);
        }

        await RunSearchAsync();
    }

    private async Task OnCropChangedAsync(ChosenImage image, CropRegion? region)
    {
        image.Crop = region;
        await RunSearchAsync();
    }

    private async Task OnCategoryChangedAsync(string? category)
    {
        _category = string.IsNullOrEmpty(category) ? null : category;
        await RunSearchAsync();
    }

    private async Task RunSearchAsync()
    {
        var usable = _images.Where(i => i.Upload.Error is null).ToList();
        _message = _images.Any(i => i.Upload.Error is not null) ? "Some images could not be read and were left out." : null;
        if (usable.Count == 0)
        {
            _results = null;
            _pieces = [];
            _searchedImages = 0;
            return;
        }

        _searching = true;
        StateHasChanged();
        try
        {
            var query = usable.Select(i => new QueryImage(i.Upload.Bytes, i.Crop)).ToList();

            // The model and the index are CPU work: keep them off the circuit's synchronization context.
            var result = await Task.Run(() => Search.FindAsync(query, ResultCount, _category, CancellationToken.None));
            if (result.Outcome == SimilarOutcome.IndexNotReady)
            {
                _message = "The catalog is still being prepared; try again in a moment.";
                _results = null;
                _pieces = [];
                return;
            }

            _searchedImages = result.Images;
            _results = result.Results.Select(ProductCardModel.From).ToList();
            _pieces = [.. result.Pieces.Select(p => new PieceRow(p.Index + 1, usable[p.Index].Upload.Name,
                p.Results.Take(PieceResultCount).Select(ProductCardModel.From).ToList(),
                p.CompleteTheLook.Select(ProductCardModel.From).ToList()))];
            _feedback = await FeedbackBinding.LoadAsync(FeedbackStore, SessionId, FeedbackVote.UploadQuery(result.QueryHash), this);
        }
        catch (Exception e) when (e is InvalidImageException or CropOutsideImageException or UploadsBusyException or NoImagePipelineException)
        {
            _message = e.Message;
            _results = null;
            _pieces = [];
        }
        finally
        {
            _searching = false;
        }
    }

    /// <summary>One piece of the outfit as the page shows it.</summary>
    private sealed record PieceRow(int Number, string Name, IReadOnlyList<ProductCardModel> Results, IReadOnlyList<ProductCardModel> CompleteTheLook)
    {
        public string Heading => $"Piece {Number}: {Name}";
    }
}
