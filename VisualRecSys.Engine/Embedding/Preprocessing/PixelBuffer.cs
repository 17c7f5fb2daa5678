using System.Runtime.InteropServices;

namespace VisualRecSys.Engine.Embedding.Preprocessing;

/// <summary>
/// A reusable buffer of <typeparamref name="T"/> that keeps what it allocated for the next image, up to a limit: a catalog
/// of small images then allocates nothing per image. A buffer over the limit (a 40-megapixel upload decodes into 40 to
/// 160 MB) comes from native memory and is freed by <see cref="Release"/>, so the process gives it back to the system at
/// once: a pooled or garbage-collected array would keep it resident after the upload (the shared array pool keeps arrays
/// up to a gigabyte, and the large object heap is only collected, and decommitted, in a full collection).
/// </summary>
internal sealed unsafe class PixelBuffer<T>(int retainLimit)
    where T : unmanaged
{
    private T[] _kept = [];
    private T* _native;
    private int _length;

    /// <summary>What the last <see cref="Get"/> returned.</summary>
    public Span<T> Current => _native is not null ? new Span<T>(_native, _length) : _kept.AsSpan(0, _length);

    /// <summary>A span of exactly <paramref name="length"/> elements, valid until the next <see cref="Get"/> or <see cref="Release"/>.</summary>
    public Span<T> Get(int length)
    {
        Release();
        if (length > _kept.Length)
        {
            if (length <= retainLimit)
            {
                _kept = new T[length];
            }
            else
            {
                // Large: glibc maps it on its own pages and unmaps them on free.
                _native = (T*)NativeMemory.Alloc((nuint)length, (nuint)sizeof(T));
            }
        }

        _length = length;
        return Current;
    }

    /// <summary>Frees a buffer larger than the limit.</summary>
    public void Release()
    {
        if (_native is not null)
        {
            NativeMemory.Free(_native);
            _native = null;
        }

        _length = 0;
    }
}
