namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>Which replica this process is, among those sharing one database.</summary>
/// <param name="Name"><c>VisualRecSys:InstanceName</c>, or the machine name and process id.</param>
public sealed record AppInstance(string Name)
{
    /// <summary>The configured name, or <c>machine-pid</c>: containers have their own host names, processes on one machine their own ids.</summary>
    public static AppInstance From(VisualRecSysOptions options) =>
        new(string.IsNullOrWhiteSpace(options.InstanceName)
            ? $"{Environment.MachineName}-{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : options.InstanceName.Trim());
}
