using VisualRecSys.Web.Quality;
using VisualRecSys.Web.Quality.Feedback;

namespace VisualRecSys.Web.Api;

/// <summary><c>GET /api/quality/feedback.csv</c>: the stored labels as CSV, filtered like the feedback page.</summary>
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
}
