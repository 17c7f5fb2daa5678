namespace VisualRecSys.Data.Importing.Vectors;

/// <summary>What the ids file of imported vectors names each row's product by: its header says which.</summary>
public enum VectorRowKey
{
    /// <summary>Header <c>id</c>: the product's id in this catalog.</summary>
    ProductId,

    /// <summary>Header <c>source_key</c>: the product's key in the source it was imported from (<see cref="Product.SourceKey"/>).</summary>
    SourceKey,
}
