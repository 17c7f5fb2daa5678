using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data.Configurations;

namespace VisualRecSys.Data;

/// <summary>
/// The EF Core context over the database (SQLite or PostgreSQL) of categories, products, index builds, feedback,
/// evaluation runs, the users and roles who may use the quality and admin consoles (ASP.NET Core Identity's tables) and
/// the app's Data Protection keys.
/// </summary>
/// <remarks>
/// Create instances through <see cref="IDbContextFactory{TContext}"/> (registered by
/// <see cref="DataServiceCollectionExtensions.AddVisualRecSysData(Microsoft.Extensions.DependencyInjection.IServiceCollection, string)"/>) and dispose each one after a unit of work.
/// The factory makes a <see cref="SqliteVisualRecSysDbContext"/> or a <see cref="PostgreSqlVisualRecSysDbContext"/>: EF Core
/// finds migrations by context type, so each provider's type owns its own migrations (<c>Migrations/Sqlite</c>,
/// <c>Migrations/PostgreSql</c>), while the rest of the app sees this type only.
/// </remarks>
public abstract class VisualRecSysDbContext : IdentityDbContext<IdentityUser>, IDataProtectionKeyContext
{
    /// <summary>Creates a context of a provider-specific derived type.</summary>
    /// <param name="options">The options of the derived type.</param>
    /// <remarks>Abstract, so no code can make a context of this type, whose <c>Migrate</c> would find no migrations and do nothing.</remarks>
    protected VisualRecSysDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Product categories.</summary>
    public DbSet<Category> Categories => Set<Category>();

    /// <summary>Catalog products.</summary>
    public DbSet<Product> Products => Set<Product>();

    /// <summary>Products hidden from the store as duplicates of another.</summary>
    public DbSet<HiddenProduct> HiddenProducts => Set<HiddenProduct>();

    /// <summary>Nearest-neighbour index builds.</summary>
    public DbSet<IndexBuild> IndexBuilds => Set<IndexBuild>();

    /// <summary>Thumbs up/down labels on results.</summary>
    public DbSet<Feedback> Feedback => Set<Feedback>();

    /// <summary>Stored retrieval-quality evaluations.</summary>
    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();

    /// <summary>Per-category figures of the stored evaluations.</summary>
    public DbSet<EvaluationCategoryResult> EvaluationCategoryResults => Set<EvaluationCategoryResult>();

    /// <summary>ASP.NET Core Data Protection's keys: shared by every replica on the same database, so each accepts the others' cookies.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Which replica may run each kind of background job now.</summary>
    public DbSet<JobLease> JobLeases => Set<JobLease>();

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
