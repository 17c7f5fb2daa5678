namespace VisualRecSys.Web.Features.Feedback;

/// <summary>Shoppers' thumbs up and down on results, the anonymous session they are stored under, and their reports.</summary>
public static class FeedbackFeature
{
    /// <summary>What the verbs share with the app: the feedback store.</summary>
    public static IServiceCollection AddFeedbackServices(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackStore>();
        return services;
    }

    /// <summary>The web app's part: the analysts' feedback reports.</summary>
    public static IHostApplicationBuilder AddFeedback(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<FeedbackReport>();
        return builder;
    }

    /// <summary>The session cookie votes are stored under, and <c>POST /api/feedback</c>.</summary>
    public static WebApplication MapFeedback(this WebApplication app)
    {
        app.UseSessionCookie();
        app.MapFeedbackApi();
        return app;
    }
}
