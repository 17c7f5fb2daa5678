using VisualRecSys.Engine.Evaluation.Instance;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Infrastructure.Http;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>
/// The quality console's API: <c>GET /api/quality/feedback.csv</c>, the stored labels as CSV filtered like the feedback
/// page; <c>GET /api/quality/edited-image</c>, an instance evaluation's query image made again.
/// </summary>
public static class QualityEndpoints
{
    public static IEndpointRouteBuilder MapQualityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/quality/feedback.csv", ExportFeedback)
            .WithTags("Quality")
            .WithSummary("Every thumbs up/down, newest first, as CSV; optional filters category (the query's), label (up|down), build, model, from and to (yyyy-MM-dd, UTC, inclusive).")
            .RequireAuthorization(QualityAccess.Policy)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        app.MapGet(EditedImages.Route, RecreateEditedImageAsync)
            .WithTags("Quality")
            .WithSummary("An instance evaluation's query image made again: edit (crop_shift, scale, tone, …) applied with seed to product's stored image, as the evaluation embedded it (PNG, or JPEG for jpeg and rephotograph).")
            .RequireAuthorization(QualityAccess.Policy)
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "image/png", additionalContentTypes: ["image/jpeg"])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static IResult ExportFeedback(HttpContext http, FeedbackReport report)
    {
        var query = http.Request.Query;
        if (!FeedbackFilter.TryParse(name => query[name].ToString(), out var filter, out var error))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid feedback filter", detail: error);
        }

        // Streamed as read: an export of every label never sits in memory whole.
        var ct = http.RequestAborted;
        return Results.Stream(
            body => FeedbackCsv.WriteAsync(body, report.StreamAsync(filter, ct), ct),
            FeedbackCsv.ContentType,
            fileDownloadName: "feedback.csv");
    }

    private static async Task<IResult> RecreateEditedImageAsync(HttpContext http, EditedImages images, CancellationToken ct)
    {
        var query = http.Request.Query;
        if (!QueryParameter.TryParseRequiredInt(query["product"], "product", 1, int.MaxValue, out var product, out var error)
            || !QueryParameter.TryParseRequiredInt(query["seed"], "seed", 0, int.MaxValue, out var seed, out error))
        {
            return error!;
        }

        var name = query["edit"].ToString();
        if (ImageEditKinds.Parse(name) is not { } edit)
        {
            var known = string.Join(", ", Enum.GetValues<ImageEditKind>().Select(k => k.Name()));
            return QueryParameter.Invalid("edit", $"'edit' must be one of {known}; got '{name}'.");
        }

        var result = await images.RecreateAsync(product, edit, seed, ct);
        if (result.Image is not { } image)
        {
            return result.Failure switch
            {
                EditedImageFailure.NoProduct => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such product", detail: result.Detail),
                EditedImageFailure.NoImageFile => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Image missing", detail: result.Detail),
                _ => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unreadable image", detail: result.Detail),
            };
        }

        // The same product, edit and seed always make the same bytes; private: the console's images are for signed-in analysts.
        http.Response.Headers.CacheControl = "private, max-age=3600";
        return Results.File(image.Encoded, EditedImages.ContentTypeOf(image));
    }
}
