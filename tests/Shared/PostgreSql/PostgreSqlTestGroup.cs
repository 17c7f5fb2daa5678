namespace VisualRecSys.Testing.PostgreSql;

/// <summary>The tests that share the assembly's one <see cref="PostgreSqlServer"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlTestGroup : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "PostgreSQL";
}
