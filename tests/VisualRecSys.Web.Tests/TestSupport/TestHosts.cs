using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>Variants of the test host: extra settings, and clients that say which address they come from.</summary>
internal static class TestHosts
{
    /// <summary>A request header the test host takes as the client's IP address (the in-memory server has none).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>The app of <paramref name="factory"/> with <paramref name="settings"/> added to its configuration.</summary>
    public static WebApplicationFactory<Program> WithSettings(this AppFactory factory, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        });

    /// <summary>Settings that turn the rate limits off: for tests that send thousands of requests from one "client".</summary>
    public static (string, string) NoRateLimits => ("VisualRecSys:RateLimits:Enabled", "false");

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient ClientFrom(this WebApplicationFactory<Program> factory, string address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && IPAddress.TryParse(value, out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
