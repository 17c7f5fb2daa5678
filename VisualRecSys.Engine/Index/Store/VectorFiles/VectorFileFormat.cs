namespace VisualRecSys.Engine.Index.Store.VectorFiles;

/// <summary>The kinds of float32 row files <see cref="VectorFile"/> reads, told apart by extension.</summary>
public enum VectorFileFormat
{
    /// <summary>NumPy's <c>.npy</c>: a header giving dtype, order and shape, then the rows.</summary>
    Npy,

    /// <summary>Raw <c>.f32</c>: little-endian float32, row after row, nothing else; the dimension comes from the caller.</summary>
    RawFloat32,
}
