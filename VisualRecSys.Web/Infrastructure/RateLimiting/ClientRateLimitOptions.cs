namespace VisualRecSys.Web.Infrastructure.RateLimiting;

/// <summary>
/// How many requests one client (one IP address) may make, bound from <see cref="SectionName"/>. The defaults are
/// generous for people and scripts and stop a single client from monopolising the CPU with uploads.
/// </summary>
public sealed class ClientRateLimitOptions
{
    public const string SectionName = "VisualRecSys:RateLimits";

    /// <summary>Whether any limit applies. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Whether requests from the machine itself (127.0.0.0/8, ::1) are exempt. Default: true, so load tests and
    /// health probes on the host are not throttled. Behind a reverse proxy on the same machine every client looks
    /// local: set this to false there (and forward client addresses) or the limits never apply.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary><c>POST /api/similar</c>: each request may embed up to 8 images. Default: 30 per 10 s.</summary>
    public RateLimitWindow Uploads { get; set; } = new() { PermitLimit = 30, WindowSeconds = 10 };

    /// <summary>Every other <c>/api/</c> request. Default: 1,000 per 10 s.</summary>
    public RateLimitWindow Api { get; set; } = new() { PermitLimit = 1000, WindowSeconds = 10 };
}

/// <summary>At most <see cref="PermitLimit"/> requests in each window of <see cref="WindowSeconds"/> seconds.</summary>
public sealed class RateLimitWindow
{
    /// <summary>Requests allowed per window.</summary>
    public int PermitLimit { get; set; }

    /// <summary>Length of the window, in seconds.</summary>
    public int WindowSeconds { get; set; }
}
