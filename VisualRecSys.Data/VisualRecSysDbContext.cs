using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Configurations;

namespace VisualRecSys.Data;

/// <summary>
/// The EF Core context over the SQLite database of categories, products, index builds, feedback, evaluation runs, and
/// the users and roles who may use the quality and admin consoles (ASP.NET Core Identity's tables).
/// </summary>
/// <remarks>
/// Create instances through <see cref="IDbContextFactory{TContext}"/> (registered by
/// <see cref="DataServiceCollectionExtensions.AddVisualRecSysData(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>) and dispose each one after a unit of work.
/// </remarks>
public sealed class VisualRecSysDbContext : IdentityDbContext<IdentityUser>
{
    /// <summary>Creates a context with the given options.</summary>
    /// <param name="options">The options; normally built by the registered factory.</param>
    public VisualRecSysDbContext(DbContextOptions<VisualRecSysDbContext> options)
        : base(options)
    {
    }

    /// <summary>Product categories.</summary>
    public DbSet<Category> Categories => Set<Category>();

    /// <summary>Catalog products.</summary>
    public DbSet<Product> Products => Set<Product>();

    /// <summary>Nearest-neighbour index builds.</summary>
    public DbSet<IndexBuild> IndexBuilds => Set<IndexBuild>();

    /// <summary>Thumbs up/down labels on results.</summary>
    public DbSet<Feedback> Feedback => Set<Feedback>();

    /// <summary>Stored retrieval-quality evaluations.</summary>
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();

    /// <summary>Per-category figures of the stored evaluations.</summary>
    public DbSet<EvaluationCategoryResult> EvaluationCategoryResults => Set<EvaluationCategoryResult>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables (AspNetUsers, AspNetRoles, ...) first; the app's own configurations after.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(VisualRecSysDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Applies to DateTimeOffset? too; see the converter for why ticks rather than TEXT.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
