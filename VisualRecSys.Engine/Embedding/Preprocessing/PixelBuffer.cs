using System.Buffers;

namespace VisualRecSys.Engine.Embedding.Preprocessing;

/// <summary>
/// A reusable buffer of <typeparamref name="T"/> that keeps what it allocated for the next image, up to a limit: a catalog
/// of small images then allocates nothing per image, and one huge photo does not pin its buffer for the thread's lifetime.
/// </summary>
internal sealed class PixelBuffer<T>(int retainLimit)
{
    private T[] _kept = [];
    private T[]? _rented;
    private int _length;

    /// <summary>What the last <see cref="Get"/> returned.</summary>
    public Span<T> Current => (_rented ?? _kept).AsSpan(0, _length);

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
                _rented = ArrayPool<T>.Shared.Rent(length);
            }
        }

        _length = length;
        return Current;
    }

    /// <summary>Returns a buffer larger than the limit to the shared pool.</summary>
    public void Release()
    {
        if (_rented is not null)
        {
            ArrayPool<T>.Shared.Return(_rented);
            _rented = null;
        }

        _length = 0;
    }
}
