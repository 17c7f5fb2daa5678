using Microsoft.Extensions.Options;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary><c>VisualRecSys:Database:Provider</c> and <c>ConnectionStrings:VisualRecSys</c>, checked at start.</summary>
public sealed class DatabaseSettingsTests
{
    [Fact]
    public void PostgreSQL_without_a_connection_string_stops_the_start_naming_the_key()
    {
        using var app = new AppFactory();
        app.Settings["VisualRecSys:Database:Provider"] = "PostgreSQL";

        var refused = StartRefusal.Of(() => app.CreateClient());

        Assert.Contains("VisualRecSys:Database:Provider is PostgreSQL but ConnectionStrings:VisualRecSys is not set", refused.Message, StringComparison.Ordinal);
    }
}
