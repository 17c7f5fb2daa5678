using System.Buffers;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>A <see cref="Memory{T}"/> over memory the owner keeps alive and fixed (a mapped file view).</summary>
internal sealed unsafe class UnmanagedMemoryManager<T>(T* pointer, int length) : MemoryManager<T>
    where T : unmanaged
{
    public override Span<T> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
        // Nothing to unpin: the mapping never moves.
    }

    protected override void Dispose(bool disposing)
    {
        // The mapping's owner releases the memory.
    }
}
