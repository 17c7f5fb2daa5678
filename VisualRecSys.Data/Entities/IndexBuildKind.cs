namespace VisualRecSys.Data;

/// <summary>The allowed values of <see cref="IndexBuild.Kind"/> (the database enforces them with a check constraint).</summary>
public static class IndexBuildKind
{
    /// <summary>Brute-force exact search.</summary>
    public const string Exact = "exact";

    /// <summary>Approximate search with random-projection trees (Annoy).</summary>
    public const string Annoy = "annoy";
}
