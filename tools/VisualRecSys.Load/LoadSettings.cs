using System.Net;

namespace VisualRecSys.Load;

/// <summary>What one load run does; every count and duration is bounded so a run always ends by itself.</summary>
internal sealed record LoadSettings(Uri Target, int Seconds, int WarmupSeconds, int Circuits, int ApiWorkers, string Chromium, string Output, double MaxMemoryGrowthPercent)
{
    public const int MaxSeconds = 600;
    public const int MaxCircuits = 50;
    public const int MaxApiWorkers = 64;

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem()
    {
        if (!IsLoopback(Target))
        {
            return $"--url must be on this machine (127.0.0.0/8, ::1 or localhost); '{Target.Host}' is not. Load is never sent elsewhere.";
        }

        if (Seconds is < 1 or > MaxSeconds)
        {
            return $"--seconds must be between 1 and {MaxSeconds}; got {Seconds}.";
        }

        if (WarmupSeconds is < 0 or > 120)
        {
            return $"--warmup must be between 0 and 120 seconds; got {WarmupSeconds}.";
        }

        if (Circuits is < 0 or > MaxCircuits)
        {
            return $"--circuits must be between 0 and {MaxCircuits}; got {Circuits}.";
        }

        if (ApiWorkers is < 0 or > MaxApiWorkers)
        {
            return $"--api-workers must be between 0 and {MaxApiWorkers}; got {ApiWorkers}.";
        }

        return Circuits > 0 && !File.Exists(Chromium) ? $"--chromium '{Chromium}' does not exist." : null;
    }

    /// <summary>Only literal loopback addresses and <c>localhost</c>: no name that DNS could point elsewhere.</summary>
    internal static bool IsLoopback(Uri target) =>
        target.Scheme is "http" or "https"
        && (string.Equals(target.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(target.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));
}
