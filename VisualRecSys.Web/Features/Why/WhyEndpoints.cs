using System.Globalization;
using VisualRecSys.Engine.Explain;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Infrastructure.Http;

namespace VisualRecSys.Web.Features.Why;

/// <summary><c>GET /api/products/{id}/similar/{resultId}/why?grid=7</c>: where the likeness of a pair lies, in both images.</summary>
public static class WhyEndpoints
{
    public static IEndpointRouteBuilder MapWhyApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/products/{id:int}/similar/{resultId:int}/why", ExplainAsync)
            .WithTags("Catalog")
            .WithSummary("Occlusion maps: for each cell of a grid over each image, how much the cosine drops when the cell is masked.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ExplainAsync(
        HttpContext http, int id, int resultId, string? grid, WhyMaps maps, CatalogStatus status, CancellationToken ct)
    {
        if (!QueryParameter.TryParseInt(grid, "grid", WhyMaps.DefaultGrid, OcclusionSensitivity.MinGrid, OcclusionSensitivity.MaxGrid, out var cells, out var error))
        {
            return error!;
        }

        WhyAnswer answer;
        try
        {
            answer = await maps.ExplainAsync(id, resultId, cells, ct);
        }
        catch (WhyBusyException e)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Busy", detail: e.Message);
        }

        return answer.Outcome switch
        {
            WhyOutcome.Explained => Results.Ok(Body(answer)),
            WhyOutcome.UnknownProduct => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product", detail: answer.Detail),
            WhyOutcome.IndexNotReady => CatalogNotReady.Result(http, status.Current),
            WhyOutcome.NoImagePipeline => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The served model cannot look at images",
                detail: answer.Detail),
            _ => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Image unavailable", detail: answer.Detail),
        };
    }

    private static object Body(WhyAnswer answer)
    {
        var why = answer.Explanation!;
        return new
        {
            grid = why.Grid,
            cosine = Round(why.Cosine),
            query = Rows(why.Query),
            result = Rows(why.Result),
            model = answer.ModelId,
        };
    }

    // Four decimals: the drops are differences of cosines, and the fifth decimal is float noise between runs.
    private static float[][] Rows(OcclusionMap map) => map.ToRows().Select(row => row.Select(Round).ToArray()).ToArray();

    private static float Round(float value) => MathF.Round(value, 4);
}
