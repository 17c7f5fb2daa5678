using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class EvaluationRunConfiguration : IEntityTypeConfiguration<EvaluationRun>
{
    public void Configure(EntityTypeBuilder<EvaluationRun> builder)
    {
        // A status no member names fails at the insert, instead of a run no page can show.
        builder.ToTable("EvaluationRuns", table => table.HasCheckConstraint(
            "CK_EvaluationRuns_Status", LowerCaseEnumConverter<EvaluationRunStatus>.CheckSql("Status")));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).IsRequired().HasConversion<LowerCaseEnumConverter<EvaluationRunStatus>>();
        builder.Property(r => r.ModelId).IsRequired();

        // Deleting a run deletes its figures; they mean nothing without it.
        builder.HasMany(r => r.Categories).WithOne().HasForeignKey(c => c.EvaluationRunId).OnDelete(DeleteBehavior.Cascade);

        // At start the app fails the runs a killed process left running.
        builder.HasIndex(r => r.Status);
    }
}
