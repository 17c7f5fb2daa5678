using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Engine.Index;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// A data directory with products but no images: categories and split products written straight to SQLite, and an
/// embedding store of seeded vectors clustered by category (so figures are neither 0 nor 1). Evaluations read nothing
/// else, so this is enough for them, and fast: no model runs.
/// </summary>
internal static class SyntheticCatalog
{
    public const string ModelId = "synthetic-v1";
    public const int Dimension = 8;

    public static readonly string[] Categories = ["Bag", "Coat", "Shirt"];

    /// <summary>Writes <paramref name="testPerCategory"/> test and <paramref name="trainPerCategory"/> train products per category.</summary>
    public static async Task CreateAsync(string dataDirectory, int testPerCategory, int trainPerCategory)
    {
        Directory.CreateDirectory(dataDirectory);
        await using (var db = SplitCatalogFixture.Database(dataDirectory))
        {
            await db.Database.MigrateAsync();
            var id = 0;
            foreach (var name in Categories)
            {
                var category = new Category { Name = name };
                foreach (var split in Enumerable.Repeat(ProductSplit.Test, testPerCategory).Concat(Enumerable.Repeat(ProductSplit.Train, trainPerCategory)))
                {
                    id++;
                    db.Products.Add(new Product { Id = id, Title = $"{name} #{id}", Category = category, ImageFile = $"none/{id}.png", Split = split });
                }
            }

            await db.SaveChangesAsync();
        }

        var random = new Random(7);
        var ids = Enumerable.Range(1, Categories.Length * (testPerCategory + trainPerCategory)).ToArray();
        var vectors = new float[ids.Length * Dimension];
        for (var i = 0; i < ids.Length; i++)
        {
            var category = i / (testPerCategory + trainPerCategory);
            for (var d = 0; d < Dimension; d++)
            {
                // Each category leans on its own coordinate, with enough noise that neighbours sometimes cross over.
                vectors[(i * Dimension) + d] = (d == category ? 0.5f : 0f) + (float)random.NextDouble();
            }
        }

        EmbeddingStore.Save(new EmbeddingMatrix(ModelId, Dimension, ids, vectors), Path.Combine(dataDirectory, "embeddings"));
    }
}
