using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Infrastructure.Proxies;

/// <summary>The client's own address and scheme from a trusted proxy's forwarded headers, before anything reads them.</summary>
public static class ForwardedClients
{
    public static IServiceCollection AddForwardedClients(this IServiceCollection services)
    {
        services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptions.Validator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // ASP.NET Core trusts loopback by default; here only what is configured is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in trusted.Value.Addresses)
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
                }
            }
        });
        return services;
    }

    /// <summary>Does nothing unless proxies are configured, so a direct client cannot pretend to be someone else.</summary>
    public static WebApplication UseForwardedClients(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.Addresses.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
