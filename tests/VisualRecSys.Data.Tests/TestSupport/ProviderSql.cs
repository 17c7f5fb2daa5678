namespace VisualRecSys.Data.Tests.TestSupport;

/// <summary>The SQL a test reads storage details with, which the two providers spell differently.</summary>
internal static class ProviderSql
{
    /// <summary>
    /// A query of the storage type of <paramref name="column"/> in each row of <paramref name="table"/> where it is not
    /// null, as column "Value" (SQLite types each value; PostgreSQL names the column's type).
    /// </summary>
    public static string StorageTypes(DatabaseProvider provider, string table, string column) => provider switch
    {
        DatabaseProvider.Sqlite => $"SELECT typeof(\"{column}\") AS \"Value\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL",
        _ => $"SELECT pg_typeof(\"{column}\")::text AS \"Value\" FROM \"{table}\" WHERE \"{column}\" IS NOT NULL",
    };

    /// <summary>The name the provider gives a 64-bit integer column's type.</summary>
    public static string Integer64(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "integer" : "bigint";
}
