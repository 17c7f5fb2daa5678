using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class IndexBuildConfiguration : IEntityTypeConfiguration<IndexBuild>
{
    public void Configure(EntityTypeBuilder<IndexBuild> builder)
    {
        // Check constraints turn a typo in a kind or status into an error at the insert,
        // instead of a build that no query ever finds.
        builder.ToTable("IndexBuilds", table =>
        {
            table.HasCheckConstraint("CK_IndexBuilds_Kind", LowerCaseEnumConverter<IndexBuildKind>.CheckSql("Kind"));
            table.HasCheckConstraint("CK_IndexBuilds_Status", LowerCaseEnumConverter<IndexBuildStatus>.CheckSql("Status"));
        });
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Kind).IsRequired().HasConversion<LowerCaseEnumConverter<IndexBuildKind>>();
        builder.Property(b => b.ModelId).IsRequired();
        builder.Property(b => b.Metric).IsRequired();
        builder.Property(b => b.Status).IsRequired().HasConversion<LowerCaseEnumConverter<IndexBuildStatus>>();

        // The engine looks up the active build at startup.
        builder.HasIndex(b => b.IsActive);
    }
}
