namespace VisualRecSys.Web.Features.Feedback;

/// <summary>The body of <c>POST /api/feedback</c>: a query (a product, or the hash of uploaded images), a result and a label.</summary>
/// <param name="QueryProductId">The query product, for "similar to this product".</param>
/// <param name="QueryHash">The <c>query.hash</c> of a <c>POST /api/similar</c> answer, for uploads.</param>
/// <param name="ResultId">The result product.</param>
/// <param name="Label"><c>up</c> or <c>down</c>.</param>
public sealed record FeedbackRequest(int? QueryProductId, string? QueryHash, int ResultId, string? Label);

/// <summary><c>POST /api/feedback</c>: thumbs up or down on a result; voting again replaces the earlier label.</summary>
public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/feedback", RecordAsync)
            .WithTags("Feedback")
            .WithSummary("Thumbs up or down on one result of a query; one label per person, query and result.")
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> RecordAsync(HttpContext http, FeedbackRequest request, FeedbackStore store, CancellationToken ct)
    {
        var label = request.Label?.ToLowerInvariant() switch
        {
            "up" => 1,
            "down" => -1,
            _ => 0,
        };
        if (label == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid label", "'label' must be \"up\" or \"down\".");
        }

        if ((request.QueryProductId is null) == (request.QueryHash is null))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid query",
                "Give exactly one of 'queryProductId' (a product's similar items) or 'queryHash' (an upload's query.hash).");
        }

        var queryKey = request.QueryProductId is int productId
            ? FeedbackVote.ProductQuery(productId)
            : FeedbackVote.UploadQuery(request.QueryHash!);
        var user = SessionCookie.UserKey(SessionCookie.Of(http) ?? "anonymous");
        var (outcome, stored) = await store.RecordAsync(new FeedbackVote(queryKey, request.ResultId, label, user), ct);
        return outcome switch
        {
            FeedbackOutcome.Stored => Results.Ok(new
            {
                id = stored!.Id,
                queryKey = stored.QueryKey,
                resultId = stored.ResultProductId,
                label = stored.Label > 0 ? "up" : "down",
                indexBuildId = stored.IndexBuildId,
                modelId = stored.ModelId,
                updatedAt = stored.UpdatedAt,
            }),
            FeedbackOutcome.UnknownProduct => Problem(StatusCodes.Status404NotFound, "No such product",
                "The query or result product does not exist."),
            _ => Problem(StatusCodes.Status400BadRequest, "Invalid query", "'queryHash' must be the 64-character hash an upload search returned."),
        };
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);
}
