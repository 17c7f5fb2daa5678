using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.HasKey(p => p.Id);
        // Importers let the database number products (their identity is SourceKey), but an explicit
        // id is kept: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT accepts both.
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.Title).IsRequired();
        builder.Property(p => p.ImageFile).IsRequired();
        // See the converter for why cents in an INTEGER; the column name says the unit to anyone reading the SQL.
        builder.Property(p => p.Price).HasConversion<PriceToCentsConverter>().HasColumnName("PriceCents");
        builder.Property(p => p.Split);
        builder.Property(p => p.SourceKey);

        // Restrict: deleting a category must not silently delete its products (and their images).
        builder.HasOne(p => p.Category)
            .WithMany(c => c.Products)
            .HasForeignKey(p => p.CategoryId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(p => p.CategoryId);
        // "Newest products" lists sort on this column.
        builder.HasIndex(p => p.CreatedAt);
        // Importers look products up by source key to skip those already present; unique, so a
        // concurrent import of the same source fails its batch instead of adding duplicates.
        // SQLite lets any number of rows share NULL in a unique index (products not imported).
        builder.HasIndex(p => p.SourceKey).IsUnique();
        // The instance evaluation groups photographs by item.
        builder.HasIndex(p => p.ItemKey);
    }
}
