namespace VisualRecSys.Web.Features.Catalog;

/// <summary>The 503 answer while the catalog is still being imported, embedded or indexed.</summary>
internal static class CatalogNotReady
{
    /// <summary>Seconds a client should wait before asking again.</summary>
    private const int RetryAfterSeconds = 5;

    public static IResult Result(HttpContext http, CatalogProgress progress)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var failed = progress.Phase == CatalogPhase.Failed;
        return Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: failed ? "The catalog could not be prepared" : "The catalog is being prepared",
            detail: progress.Message,
            extensions: new Dictionary<string, object?>
            {
                ["phase"] = progress.Phase.ToString(),
                ["done"] = progress.Done,
                ["total"] = progress.Total,
            });
    }
}
