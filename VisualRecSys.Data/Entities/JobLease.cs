namespace VisualRecSys.Data;

/// <summary>
/// Who may run a kind of background job now, across every process on the database (one row per kind, e.g. the admin
/// console's jobs): held by one replica at a time until it releases it or stops renewing it (a killed replica's lease
/// runs out, and another replica takes it over and records the dead one's work as interrupted).
/// </summary>
public sealed class JobLease
{
    /// <summary>The kind of job the lease is for (the key).</summary>
    public required string Name { get; set; }

    /// <summary>The replica (instance name) holding it; null when free.</summary>
    public string? Holder { get; set; }

    /// <summary>Tells one holding from another, even by the same instance name after a restart.</summary>
    public string? Token { get; set; }

    /// <summary>What the holder runs, to name it when another replica is refused.</summary>
    public string? Title { get; set; }

    /// <summary>When the holder took it.</summary>
    public DateTimeOffset? AcquiredAt { get; set; }

    /// <summary>When it runs out unless renewed.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}
