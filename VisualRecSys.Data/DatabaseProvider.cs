namespace VisualRecSys.Data;

/// <summary>Which database server the app stores its data in.</summary>
public enum DatabaseProvider
{
    /// <summary>An SQLite file in the data directory: one app process, nothing to install (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database that several replicas of the app share.</summary>
    PostgreSQL,
}
