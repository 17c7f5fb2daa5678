using Microsoft.Extensions.Options;

namespace VisualRecSys.Web.Features.Search;

/// <summary>Search by an uploaded photo or an outfit of several.</summary>
public static class SearchFeature
{
    /// <summary>What the verbs share with the app: the image search.</summary>
    public static IServiceCollection AddSearchServices(this IServiceCollection services)
    {
        services.AddSingleton<ImageSearch>();
        services.AddOptions<UploadBudgetOptions>().BindConfiguration(UploadBudgetOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadBudgetOptions>, UploadBudgetOptionsValidator>();
        services.AddSingleton<UploadDecodeBudget>();
        return services;
    }

    /// <summary><c>POST /api/similar</c>.</summary>
    public static WebApplication MapSearch(this WebApplication app)
    {
        app.MapImageSearchApi();
        return app;
    }
}
