namespace VisualRecSys.Web.Infrastructure.Jobs;

/// <summary>
/// Whether admin jobs may start now, as the worker's own state: a feature that knows a reason closes it (the catalog,
/// while it is being prepared: jobs would load the same products, files and cores) and opens it again, so the worker
/// never calls into a feature to ask.
/// </summary>
/// <param name="closedBecause">Closed from the start with this reason, or open when null.</param>
public sealed class AdminJobGate(string? closedBecause = null)
{
    private volatile string? _closedBecause = closedBecause;

    /// <summary>Why no admin job may start now, in a sentence for the admin; null when one may.</summary>
    public string? WhyNotNow() => _closedBecause;

    /// <summary>No admin job starts until <see cref="Open"/>; <paramref name="reason"/> is what a refused start says.</summary>
    public void Close(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _closedBecause = reason;
    }

    /// <summary>Admin jobs may start again.</summary>
    public void Open() => _closedBecause = null;
}
