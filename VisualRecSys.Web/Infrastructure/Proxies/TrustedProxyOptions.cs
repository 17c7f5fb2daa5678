using System.Net;
using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Infrastructure.Proxies;

/// <summary>
/// Reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the app believes, bound from
/// <see cref="SectionName"/>. Behind nginx every request arrives from the proxy's address: without this the rate limits
/// would see one client (or, with the proxy on the same machine, exempt everybody as local). Empty by default, because a
/// header anyone can send must only be believed from a proxy one runs.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "VisualRecSys:TrustedProxies";

    /// <summary>Addresses (<c>127.0.0.1</c>, <c>::1</c>) or networks (<c>10.0.0.0/8</c>) of the proxies. Default: none.</summary>
    public string[] Addresses { get; set; } = [];

    /// <summary>Refuses, at start, an entry that is neither an address nor a network, naming it.</summary>
    internal sealed class Validator : IValidateOptions<TrustedProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, TrustedProxyOptions options)
        {
            var wrong = options.Addresses.Where(entry => !IPAddress.TryParse(entry, out _) && !IPNetwork.TryParse(entry, out _)).ToArray();
            return wrong.Length == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{SectionName}:Addresses: '{string.Join("', '", wrong)}' is not an IP address or network (e.g. 127.0.0.1 or 10.0.0.0/8).");
        }
    }
}
