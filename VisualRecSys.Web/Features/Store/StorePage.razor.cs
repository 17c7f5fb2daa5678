using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using VisualRecSys.Web.Components.Shared;
using VisualRecSys.Web.Features.Catalog;

namespace VisualRecSys.Web.Features.Store;

/// <summary>The store: all products in a paged grid, filterable by category. Filter and page live in the URL so views can be shared.</summary>
public partial class StorePage
{
    private const string AllCategories = "";
    private const int PageSize = 24;

    private IReadOnlyList<string> _categories = [];
    private ProductListing? _page;
    private IReadOnlyList<ProductCardModel> _items = [];
    private string? _shownCategory;

    // Set by the pager: the next page is shown from its top once rendered. The router keeps the scroll position when
    // only the query string changes, which opened page 2 scrolled to its bottom, where the pager is.
    private bool _scrollToTopAfterRender;

    [Inject]
    public required ProductCatalog Catalog { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The category filter from <c>?category=</c>; null or empty shows all.</summary>
    [SupplyParameterFromQuery(Name = "category")]
    public string? Category { get; set; }

    /// <summary>Text the titles must contain, from <c>?q=</c>.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? Query { get; set; }

    /// <summary>The 1-based page from <c>?page=</c>.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public int? Page { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_categories.Count == 0)
        {
            _categories = await Catalog.CategoriesAsync(CancellationToken.None);
        }
        var category = string.IsNullOrEmpty(Category) || !_categories.Contains(Category) ? null : Category;
        _shownCategory = category;
        var first = await Catalog.ListAsync(1, PageSize, category, CancellationToken.None, Query);
        var pageNumber = Math.Clamp(Page ?? 1, 1, first.PageCount);
        _page = pageNumber == 1 ? first : await Catalog.ListAsync(pageNumber, PageSize, category, CancellationToken.None, Query);
        _items = _page.Items.Select(ProductCardModel.From).ToList();
    }

    /// <summary>Why the grid is empty, blaming what did it: the title filter, else the category, else the catalog.</summary>
    private string EmptyText => StoreEmptyText.For(Query, _shownCategory);

    private Task OnCategoryChangedAsync(string? category)
    {
        Navigate(string.IsNullOrEmpty(category) ? null : category, Query, page: null);
        return Task.CompletedTask;
    }

    private Task OnQueryChangedAsync(string? query)
    {
        Navigate(Category, string.IsNullOrWhiteSpace(query) ? null : query, page: null);
        return Task.CompletedTask;
    }

    private void OnPageChanged(int page)
    {
        _scrollToTopAfterRender = true;
        Navigate(Category, Query, page);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_scrollToTopAfterRender)
        {
            _scrollToTopAfterRender = false;
            await JS.InvokeVoidAsync("scrollTo", 0, 0);
        }
    }

    private void Navigate(string? category, string? query, int? page) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["category"] = category,
            ["q"] = query,
            ["page"] = page is null or 1 ? null : page,
        }));
}
