using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VisualRecSys.Bench;

/// <summary>
/// The Engine's services configured as the app's command-line verbs configured them (<c>VisualRecSys:Embedding</c> from
/// environment variables or an appsettings.json in the current folder), plus the <see cref="BenchPaths"/>.
/// </summary>
internal static class BenchHost
{
    /// <exception cref="OptionsValidationException">The embedding settings are invalid.</exception>
    /// <exception cref="ArgumentException">A configured value cannot be read, or the data directory cannot be created.</exception>
    public static IHost Build(DirectoryInfo? dataDirectory, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        if (dataDirectory is not null)
        {
            builder.Configuration["VisualRecSys:DataDirectory"] = dataDirectory.FullName;
        }

        // The benchmarks print their own progress; the framework's information logs would drown it.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVisualRecSysEngine();
        builder.Services.AddSingleton(sp => BenchPaths.Resolve(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            Prepare(host.Services);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private static void Prepare(IServiceProvider services)
    {
        // ValidateOnStart only runs when a host starts; the benchmarks never start one, so validate here.
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (InvalidOperationException e)
        {
            // A value the binder cannot convert (e.g. an unknown Provider): a refusal that names the key, not a crash.
            throw new ArgumentException(e.Message, e);
        }

        var root = services.GetRequiredService<BenchPaths>().Root;
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"The data directory '{root}' cannot be created: {e.Message}", e);
        }
    }
}
