namespace VisualRecSys.Data;

/// <summary>
/// A person's thumbs up or down on one result of one query. One row per (user, query, result): changing one's
/// mind updates the label. The build and model that produced the result are kept so feedback can be compared
/// across index builds and models.
/// </summary>
public sealed class Feedback
{
    public int Id { get; set; }

    /// <summary>The query: <c>product:&lt;id&gt;</c> for "similar to this product", <c>upload:&lt;sha256&gt;</c> for uploaded images.</summary>
    public required string QueryKey { get; set; }

    /// <summary>The query product, when the query was a product (null for uploads).</summary>
    public int? QueryProductId { get; set; }

    /// <summary>The product shown as a result.</summary>
    public int ResultProductId { get; set; }

    /// <summary>+1 (thumbs up) or −1 (thumbs down).</summary>
    public int Label { get; set; }

    /// <summary>The signed-in user's name, or an anonymous session id.</summary>
    public required string UserKey { get; set; }

    /// <summary>The index build that served the result, if known.</summary>
    public int? IndexBuildId { get; set; }

    /// <summary>The embedding model of that build, if known.</summary>
    public string? ModelId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
