using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Features.IndexBuilds;
using VisualRecSys.Web.Infrastructure.Http;

namespace VisualRecSys.Web.Features.Store;

/// <summary>The read API over the catalog: <c>/api/products</c>, one product, and its visually similar products.</summary>
public static class ProductEndpoints
{
    public const int DefaultPageSize = 24;
    public const int DefaultSimilarCount = 12;

    public static IEndpointRouteBuilder MapProductApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Catalog");
        api.MapGet("/products", ListAsync);
        api.MapGet("/products/{id:int}", GetAsync);
        api.MapGet("/products/{id:int}/similar", SimilarAsync);
        api.MapGet("/categories", async (ProductCatalog catalog, CancellationToken ct) => Results.Ok(await catalog.CategoriesAsync(ct)));
        api.MapGet("/status", (CatalogStatus status, ActiveIndex index) =>
        {
            var p = status.Current;
            return Results.Ok(new { p.Phase, p.Done, p.Total, p.Message, p.ExecutionProvider, p.Fraction, Index = index.Info });
        });
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, ProductCatalog catalog, CatalogStatus status,
        string? page, string? pageSize, string? category, string? q, string? after, CancellationToken ct)
    {
        if (!QueryParameter.TryParseInt(page, "page", 1, 1, int.MaxValue / ProductCatalog.MaxPageSize, out var pageNumber, out var error)
            || !QueryParameter.TryParseInt(pageSize, "pageSize", DefaultPageSize, 1, ProductCatalog.MaxPageSize, out var size, out error)
            || !QueryParameter.TryParseInt(after, "after", 0, 0, int.MaxValue, out var cursor, out error))
        {
            return error!;
        }
        // Until the first index serves, a listed product could not answer "similar": say so instead.
        if (!status.IsReady)
        {
            return CatalogNotReady.Result(http, status.Current);
        }
        if (!string.IsNullOrEmpty(category))
        {
            var categories = await catalog.CategoriesAsync(ct);
            if (!categories.Contains(category, StringComparer.Ordinal))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown category",
                    detail: $"'{category}' is not a category. Categories: {string.Join(", ", categories)}.");
            }
        }
        // `after` (the previous page's nextAfter) is the keyset cursor; `page` jumps to a position in the sorted ids.
        return Results.Ok(await catalog.ListAsync(pageNumber, size, category, ct, q, after is null ? null : cursor));
    }

    private static async Task<IResult> GetAsync(int id, ProductCatalog catalog, CancellationToken ct) =>
        await catalog.FindAsync(id, ct) is { } product ? Results.Ok(product) : await NotInTheStoreAsync(id, catalog, ct);

    // A product hidden as a duplicate is not in the store: 404, saying so and naming the product kept in its place, which
    // a client can show instead (the store page redirects there); admins see it on /admin/duplicates.
    private static async Task<IResult> NotInTheStoreAsync(int id, ProductCatalog catalog, CancellationToken ct)
    {
        if (await catalog.FindHiddenAsync(id, ct) is not { } hidden)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product", detail: $"There is no product {id}.");
        }

        var kept = hidden.KeptInStore;
        return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not in the store",
            detail: kept is { } keptId
                ? $"Product {id} is hidden from the store as a duplicate of product {keptId}, which the store shows instead."
                : $"Product {id} is hidden from the store as a duplicate of another; an admin can show it again on /admin/duplicates.",
            extensions: new Dictionary<string, object?> { ["keptProductId"] = kept });
    }

    private static async Task<IResult> SimilarAsync(
        HttpContext http, int id, string? k, bool? sameCategory, SimilarProducts similar, ProductCatalog catalog, CatalogStatus status,
        CancellationToken ct)
    {
        if (!QueryParameter.TryParseInt(k, "k", DefaultSimilarCount, 1, SimilarProducts.MaxResults, out var count, out var error))
        {
            return error!;
        }
        var result = await similar.FindAsync(id, count, ct, sameCategory ?? false);
        return result.Outcome switch
        {
            SimilarOutcome.Found => Results.Ok(new { query = result.Query, k = count, results = result.Results }),
            SimilarOutcome.UnknownProduct => await NotInTheStoreAsync(id, catalog, ct),
            SimilarOutcome.IndexNotReady => CatalogNotReady.Result(http, status.Current),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Product not searchable yet",
                detail: $"Product {id} has no embedding yet (its image may be unreadable, or it was added after the last index build)."),
        };
    }
}
