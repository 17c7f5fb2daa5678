using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>
/// The app's own <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c>, read from beside its assembly as the
/// lowest layer of configuration. ASP.NET Core reads them from the content root, which is the working directory: started
/// from anywhere else (<c>dotnet /srv/vrs/VisualRecSys.Web.dll</c> from a service manager, a script at the repository root)
/// the app ran without them, every framework category logging at Information: six console lines per request, 24,000 a
/// second under load at 2M products, and a console logger whose full queue makes requests wait.
/// </summary>
public static class AppSettingsBesideTheApp
{
    /// <summary>
    /// Adds the settings files of the app's own folder under every other source, so the content root's files, environment
    /// variables and the command line still override them. Nothing is added when the content root is that folder (its
    /// files are read already).
    /// </summary>
    public static IConfigurationBuilder AddAppSettingsBesideTheApp(this IConfigurationBuilder configuration, IHostEnvironment environment)
    {
        var directory = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        if (directory == Path.TrimEndingDirectorySeparator(Path.GetFullPath(environment.ContentRootPath))
            || !File.Exists(Path.Combine(directory, "appsettings.json")))
        {
            return configuration;
        }

        var files = new PhysicalFileProvider(directory);
        configuration.Sources.Insert(0, Json(files, "appsettings.json"));
        configuration.Sources.Insert(1, Json(files, $"appsettings.{environment.EnvironmentName}.json"));
        return configuration;
    }

    private static JsonConfigurationSource Json(IFileProvider files, string name) =>
        new() { FileProvider = files, Path = name, Optional = true, ReloadOnChange = false };
}
