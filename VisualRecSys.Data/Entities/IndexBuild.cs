namespace VisualRecSys.Data;

/// <summary>One build of a nearest-neighbour index over the product embeddings.</summary>
public sealed class IndexBuild
{
    /// <summary>Database-generated identifier.</summary>
    public int Id { get; set; }

    /// <summary>Index kind (stored as <c>"forest"</c>).</summary>
    public required IndexBuildKind Kind { get; set; }

    /// <summary>Identifier of the embedding model whose vectors were indexed.</summary>
    public required string ModelId { get; set; }

    /// <summary>Distance metric, for example <c>"cosine"</c>.</summary>
    public required string Metric { get; set; }

    /// <summary>Number of indexed items.</summary>
    public int ItemCount { get; set; }

    /// <summary>Embedding dimension.</summary>
    public int Dimension { get; set; }

    /// <summary>Build status (stored as <c>"running"</c>, <c>"ready"</c> or <c>"failed"</c>).</summary>
    public required IndexBuildStatus Status { get; set; }

    /// <summary>When the build started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the build finished (successfully or not); <see langword="null"/> while running.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Path of the built index file, once there is one.</summary>
    public string? FilePath { get; set; }

    /// <summary>Whether this build is the one that serves queries.</summary>
    public bool IsActive { get; set; }

    /// <summary>Failure description when <see cref="Status"/> is <see cref="IndexBuildStatus.Failed"/>.</summary>
    public string? Error { get; set; }

    /// <summary>Trees of the forest asked for; 0 for builds recorded before this was kept.</summary>
    public int Trees { get; set; }

    /// <summary>Candidates a query gathers by default; 0 means trees × k.</summary>
    public int SearchK { get; set; }

    /// <summary>Size of the index file in bytes, once written.</summary>
    public long? FileBytes { get; set; }

    /// <summary>Recall@10 against exact search, measured on a sample of the indexed products when the build finished.</summary>
    public double? RecallAt10 { get; set; }

    /// <summary>When the build last became the active one; rolling back returns to the build activated before the current one.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>
    /// When activating the build was asked for with it (an admin build "then activate"), until that activation is done or
    /// given up; a request left by a process killed before finishing it is finished (or recorded as not done) at the next start.
    /// </summary>
    public DateTimeOffset? ActivationRequestedAt { get; set; }

    /// <summary>When its file was deleted to free disk space (the row stays: feedback and evaluations name the build).</summary>
    public DateTimeOffset? FileDeletedAt { get; set; }
}
