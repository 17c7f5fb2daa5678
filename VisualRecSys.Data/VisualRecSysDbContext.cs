using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Configurations;

namespace VisualRecSys.Data;

/// <summary>The EF Core context over the SQLite database of categories, products, index builds, feedback and evaluation runs.</summary>
/// <remarks>
/// Create instances through <see cref="IDbContextFactory{TContext}"/> (registered by
/// <see cref="DataServiceCollectionExtensions.AddVisualRecSysData(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>) and dispose each one after a unit of work.
/// </remarks>
public sealed class VisualRecSysDbContext : DbContext
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
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VisualRecSysDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Applies to DateTimeOffset? too; see the converter for why ticks rather than TEXT.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}
