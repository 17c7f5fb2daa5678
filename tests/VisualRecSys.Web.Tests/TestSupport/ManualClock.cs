namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>A clock that only moves when a test moves it, for leases and timeouts measured in seconds.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
