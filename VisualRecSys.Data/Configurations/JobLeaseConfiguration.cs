using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(40);
        builder.Property(l => l.Holder).HasMaxLength(200);
        builder.Property(l => l.Token).HasMaxLength(40);
        builder.Property(l => l.Title).HasMaxLength(500);
    }
}
