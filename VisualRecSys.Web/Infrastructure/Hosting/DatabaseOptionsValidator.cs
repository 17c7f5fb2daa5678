using Microsoft.Extensions.Options;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Infrastructure.Hosting;

/// <summary>Checks at start that the chosen database provider has what it needs; the message names the key to set.</summary>
internal sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<VisualRecSysOptions>
{
    public ValidateOptionsResult Validate(string? name, VisualRecSysOptions options) =>
        options.Database.Provider switch
        {
            DatabaseProvider.Sqlite => ValidateOptionsResult.Success,
            DatabaseProvider.PostgreSQL when !string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)) =>
                ValidateOptionsResult.Success,
            DatabaseProvider.PostgreSQL => ValidateOptionsResult.Fail(
                $"VisualRecSys:Database:Provider is PostgreSQL but ConnectionStrings:{DatabaseOptions.ConnectionStringName} is not set (an Npgsql connection string: host, database, user name and password)."),
            var other => ValidateOptionsResult.Fail($"VisualRecSys:Database:Provider '{other}' is not Sqlite or PostgreSQL."),
        };

    /// <summary>The database the validated <paramref name="options"/> choose.</summary>
    public static DatabaseTarget Target(VisualRecSysOptions options, IConfiguration configuration, DataPaths paths) =>
        options.Database.Provider == DatabaseProvider.PostgreSQL
            ? DatabaseTarget.PostgreSql(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)!)
            : DatabaseTarget.SqliteFile(paths.DatabaseFile);
}
