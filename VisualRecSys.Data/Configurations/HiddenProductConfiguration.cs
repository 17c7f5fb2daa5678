using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace VisualRecSys.Data.Configurations;

internal sealed class HiddenProductConfiguration : IEntityTypeConfiguration<HiddenProduct>
{
    public void Configure(EntityTypeBuilder<HiddenProduct> builder)
    {
        builder.ToTable("HiddenProducts");
        builder.HasKey(h => h.Id);
        // AUTOINCREMENT on SQLite (ids never reused), an identity on PostgreSQL: see HiddenProduct.Id for why.
        builder.Property(h => h.Id).ValueGeneratedOnAdd();
        builder.HasIndex(h => h.ProductId).IsUnique();
        builder.Property(h => h.HiddenBy).HasMaxLength(256);

        // A deleted product needs no hiding; a deleted kept product leaves the hidden one hidden, with no twin named.
        builder.HasOne<Product>().WithMany().HasForeignKey(h => h.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Product>().WithMany().HasForeignKey(h => h.KeptProductId).OnDelete(DeleteBehavior.SetNull);
    }
}
