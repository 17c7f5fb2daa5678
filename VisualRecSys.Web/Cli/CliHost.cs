using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Cli;

/// <summary>The app's services without the web server, for command-line verbs.</summary>
internal static class CliHost
{
    public static IHost Build(DirectoryInfo? dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        // As the web app: run from another folder, a verb still works on the data (or PostgreSQL) its settings name.
        builder.Configuration.AddAppSettingsBesideTheApp(builder.Environment);
        if (dataDirectory is not null)
        {
            builder.Configuration[$"{VisualRecSysOptions.SectionName}:{nameof(VisualRecSysOptions.DataDirectory)}"] = dataDirectory.FullName;
        }
        // Verbs print their own results; the framework's information logs would drown them.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVisualRecSysCore();
        var host = builder.Build();
        // ValidateOnStart only runs when a host starts; verbs never start one, so validate here.
        host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        return host;
    }
}
