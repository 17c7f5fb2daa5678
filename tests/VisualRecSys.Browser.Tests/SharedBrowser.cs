namespace VisualRecSys.Browser.Tests;

/// <summary>
/// All browser tests share one app and one Chromium, and run one after another: on 2 cores, parallel apps and
/// browsers only make each other's timeouts flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
