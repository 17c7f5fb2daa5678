using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.HasKey(p => p.Id);
        // Ids normally come from the catalog CSV (stable across imports), but a product added
        // with Id 0 still gets one: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT accepts both.
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.Title).IsRequired();
        builder.Property(p => p.ImageFile).IsRequired();

        // Restrict: deleting a category must not silently delete its products (and their images).
        builder.HasOne(p => p.Category)
            .WithMany(c => c.Products)
            .HasForeignKey(p => p.CategoryId)
            .OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(p => p.CategoryId);
        // "Newest products" lists sort on this column.
        builder.HasIndex(p => p.CreatedAt);
    }
}
