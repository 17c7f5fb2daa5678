using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class EvaluationCategoryResultConfiguration : IEntityTypeConfiguration<EvaluationCategoryResult>
{
    public void Configure(EntityTypeBuilder<EvaluationCategoryResult> builder)
    {
        builder.ToTable("EvaluationCategoryResults");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Category).IsRequired();
        // A category appears once per run, at one place of the report.
        builder.HasIndex(c => new { c.EvaluationRunId, c.Position }).IsUnique();
    }
}
