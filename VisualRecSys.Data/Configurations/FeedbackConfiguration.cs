using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<Feedback>
{
    public void Configure(EntityTypeBuilder<Feedback> builder)
    {
        builder.ToTable("Feedback", t => t.HasCheckConstraint("CK_Feedback_Label", "\"Label\" IN (-1, 1)"));
        builder.HasKey(f => f.Id);
        builder.Property(f => f.QueryKey).IsRequired();
        builder.Property(f => f.UserKey).IsRequired();

        // One label per person, query and result: a second vote replaces the first.
        builder.HasIndex(f => new { f.UserKey, f.QueryKey, f.ResultProductId }).IsUnique();
        // Analysts read feedback by result product and by build.
        builder.HasIndex(f => f.ResultProductId);
        builder.HasIndex(f => f.IndexBuildId);

        // Feedback outlives deleted products only as long as the products exist: cascade keeps it consistent.
        builder.HasOne<Product>().WithMany().HasForeignKey(f => f.ResultProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(f => f.QueryProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
