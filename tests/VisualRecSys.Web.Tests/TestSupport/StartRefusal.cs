using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>An app that must refuse to start on bad settings, as the test host sees it.</summary>
internal static class StartRefusal
{
    private const int Attempts = 3;

    /// <summary>
    /// Starts the app through <paramref name="start"/> (a factory's <c>CreateClient</c>) and returns the validation failure
    /// that stopped it. WebApplicationFactory's deferred host asks the app's service provider for its lifetime while the
    /// failed app may already have disposed it, so the refusal sometimes surfaces as an ObjectDisposedException instead
    /// (seen once in CI); such a start is tried again, and the test still fails unless the refusal itself is seen.
    /// </summary>
    public static OptionsValidationException Of(Func<object> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                start();
            }
            catch (OptionsValidationException refused)
            {
                return refused;
            }
            catch (ObjectDisposedException) when (attempt < Attempts)
            {
                continue;
            }

            Assert.Fail("The app started; it should have refused its settings.");
        }
    }
}
