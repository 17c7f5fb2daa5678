using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Infrastructure.RateLimiting;

/// <summary>
/// Per-client limits on the API (ASP.NET Core's rate limiter, one fixed window per client address and kind of
/// request): uploads, which run the model, have their own small allowance; other <c>/api/</c> requests a large one.
/// Pages, images and static files are not limited. A refused request gets 429 with <c>Retry-After</c>.
/// </summary>
public static partial class RateLimits
{
    /// <summary>Binds and validates <see cref="ClientRateLimitOptions"/> and registers the limiter.</summary>
    public static IServiceCollection AddVisualRecSysRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ClientRateLimitOptions>().BindConfiguration(ClientRateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClientRateLimitOptions>, ClientRateLimitOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ClientRateLimitOptions>, ILoggerFactory>((limiter, limits, loggers) =>
        {
            var settings = limits.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, ct) => RejectAsync(context, loggers.CreateLogger(typeof(RateLimits)), ct);
            if (settings.Enabled)
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => PartitionOf(http, settings));
            }
        });
        return services;
    }

    /// <summary>Adds the rate limiter to the pipeline.</summary>
    public static WebApplication UseVisualRecSysRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Which allowance a request draws on, or null for requests that are not limited.</summary>
    internal static string? KindOf(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/similar", StringComparison.OrdinalIgnoreCase)
            ? nameof(ClientRateLimitOptions.Uploads)
            : nameof(ClientRateLimitOptions.Api);
    }

    private static RateLimitPartition<string> PartitionOf(HttpContext http, ClientRateLimitOptions settings)
    {
        var kind = KindOf(http.Request);
        var address = http.Connection.RemoteIpAddress;
        if (kind is null || (settings.ExemptLoopback && address is not null && IPAddress.IsLoopback(address)))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        // One client may arrive as 1.2.3.4 or ::ffff:1.2.3.4 depending on the socket; count both as one.
        var client = address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        var window = kind == nameof(ClientRateLimitOptions.Uploads) ? settings.Uploads : settings.Api;
        return RateLimitPartition.GetFixedWindowLimiter($"{kind} {client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = window.PermitLimit,
            Window = TimeSpan.FromSeconds(window.WindowSeconds),
            // Refuse at once rather than queue: a queued request still holds a connection and its upload.
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, ILogger logger, CancellationToken ct)
    {
        var http = context.HttpContext;
        var kind = KindOf(http.Request) ?? "";
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(logger, kind, http.Connection.RemoteIpAddress, seconds);
        await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: $"This client has used its allowance of {kind.ToLowerInvariant()} requests; try again in {seconds} s.")
            .ExecuteAsync(http);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a {Kind} request from {Client}: rate limit reached, retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string kind, IPAddress? client, int seconds);
}
