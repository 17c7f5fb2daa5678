using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class EvaluationRunConfiguration : IEntityTypeConfiguration<EvaluationRun>
{
    public void Configure(EntityTypeBuilder<EvaluationRun> builder)
    {
        builder.ToTable("EvaluationRuns", table => table.HasCheckConstraint(
            "CK_EvaluationRuns_Status",
            $"\"Status\" IN ('{EvaluationRunStatus.Running}', '{EvaluationRunStatus.Completed}', '{EvaluationRunStatus.Failed}')"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Status).IsRequired();
        builder.Property(r => r.ModelId).IsRequired();

        // Deleting a run deletes its figures; they mean nothing without it.
        builder.HasMany(r => r.Categories).WithOne().HasForeignKey(c => c.EvaluationRunId).OnDelete(DeleteBehavior.Cascade);

        // At start the app fails the runs a killed process left running.
        builder.HasIndex(r => r.Status);
    }
}
