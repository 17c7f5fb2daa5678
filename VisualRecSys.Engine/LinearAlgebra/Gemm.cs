using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.LinearAlgebra;

/// <summary>
/// Row-major single-precision matrix products for training and running heads: C (+)= A · B with A m×k, B k×n, C m×n.
/// Products with a transposed operand are done by transposing it first (<see cref="Transpose"/>), which costs a small
/// fraction of the product and keeps one fast kernel.
/// </summary>
/// <remarks>
/// The kernel keeps a tile of 4 rows × 32 columns of C in registers (eight 512-bit accumulators) and walks k once,
/// broadcasting one A element per row against two vectors of B: 8 fused multiply-adds for 2 loads. Without 512-bit
/// vectors it falls back to one <see cref="TensorPrimitives.MultiplyAdd(ReadOnlySpan{float}, float, ReadOnlySpan{float}, Span{float})"/>
/// per A element (row of B scaled into the row of C), which is what the tile does, only slower.
/// </remarks>
public static class Gemm
{
    private const int TileRows = 4;
    private const int TileColumns = 32;

    // Below this many multiply-adds a second thread costs more than it saves.
    private const long ParallelThreshold = 1 << 20;

    /// <summary>C = A · B (or C += A · B when <paramref name="accumulate"/>).</summary>
    /// <param name="a">m × k.</param>
    /// <param name="b">k × n.</param>
    /// <param name="c">m × n, receives the product.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        CheckLength(a, (long)m * k, nameof(a));
        CheckLength(b, (long)k * n, nameof(b));
        CheckLength(c, (long)m * n, nameof(c));
        if (!accumulate)
        {
            c[..(m * n)].Clear();
        }

        if (m == 0 || n == 0 || k == 0)
        {
            return;
        }

        var blocks = (m + TileRows - 1) / TileRows;
        if ((long)m * k * n < ParallelThreshold || Environment.ProcessorCount == 1 || blocks == 1)
        {
            unsafe
            {
                fixed (float* pa = a, pb = b, pc = c)
                {
                    MultiplyRows(pa, pb, pc, 0, m, k, n);
                }
            }

            return;
        }

        unsafe
        {
            fixed (float* pa = a, pb = b, pc = c)
            {
                // Pointers cannot be captured by a lambda: pass them as integers.
                nint ia = (nint)pa, ib = (nint)pb, ic = (nint)pc;
                var workers = Math.Min(Environment.ProcessorCount, blocks);
                Parallel.For(0, workers, w =>
                {
                    var first = blocks * w / workers * TileRows;
                    var last = Math.Min(m, blocks * (w + 1) / workers * TileRows);
                    MultiplyRows((float*)ia, (float*)ib, (float*)ic, first, last, k, n);
                });
            }
        }
    }

    /// <summary>Writes the transpose of <paramref name="source"/> (rows × columns) into <paramref name="destination"/> (columns × rows).</summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        CheckLength(source, (long)rows * columns, nameof(source));
        CheckLength(destination, (long)rows * columns, nameof(destination));

        // Blocks of 16 × 16 keep both sides in cache lines that are reused.
        const int block = 16;
        for (var r0 = 0; r0 < rows; r0 += block)
        {
            var r1 = Math.Min(rows, r0 + block);
            for (var c0 = 0; c0 < columns; c0 += block)
            {
                var c1 = Math.Min(columns, c0 + block);
                for (var r = r0; r < r1; r++)
                {
                    var row = source.Slice(r * columns, columns);
                    for (var col = c0; col < c1; col++)
                    {
                        destination[(col * rows) + r] = row[col];
                    }
                }
            }
        }
    }

    /// <summary>Adds every row of <paramref name="matrix"/> (rows × columns) to <paramref name="sums"/> (columns).</summary>
    public static void AddRowsTo(ReadOnlySpan<float> matrix, int rows, int columns, Span<float> sums)
    {
        CheckLength(matrix, (long)rows * columns, nameof(matrix));
        for (var r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums[..columns], matrix.Slice(r * columns, columns), sums[..columns]);
        }
    }

    private static unsafe void MultiplyRows(float* a, float* b, float* c, int firstRow, int lastRow, int k, int n)
    {
        var row = firstRow;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; row + TileRows <= lastRow; row += TileRows)
            {
                var column = 0;
                for (; column + TileColumns <= n; column += TileColumns)
                {
                    Tile4x32(a + ((long)row * k), b + column, c + ((long)row * n) + column, k, n);
                }

                if (column < n)
                {
                    for (var r = row; r < row + TileRows; r++)
                    {
                        AxpyRow(a + ((long)r * k), b, c + ((long)r * n), k, n, column);
                    }
                }
            }
        }

        for (; row < lastRow; row++)
        {
            AxpyRow(a + ((long)row * k), b, c + ((long)row * n), k, n, 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tile4x32(float* a, float* b, float* c, int k, int n)
    {
        var c00 = Vector512.Load(c);
        var c01 = Vector512.Load(c + 16);
        var c10 = Vector512.Load(c + n);
        var c11 = Vector512.Load(c + n + 16);
        var c20 = Vector512.Load(c + (2 * n));
        var c21 = Vector512.Load(c + (2 * n) + 16);
        var c30 = Vector512.Load(c + (3 * n));
        var c31 = Vector512.Load(c + (3 * n) + 16);
        float* a0 = a, a1 = a + k, a2 = a + (2 * k), a3 = a + (3 * k);
        for (var i = 0; i < k; i++)
        {
            var bRow = b + ((long)i * n);
            var b0 = Vector512.Load(bRow);
            var b1 = Vector512.Load(bRow + 16);
            var x = Vector512.Create(a0[i]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[i]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[i]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[i]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
        }

        c00.Store(c);
        c01.Store(c + 16);
        c10.Store(c + n);
        c11.Store(c + n + 16);
        c20.Store(c + (2 * n));
        c21.Store(c + (2 * n) + 16);
        c30.Store(c + (3 * n));
        c31.Store(c + (3 * n) + 16);
    }

    // One row of C from column `from` on: the row of B for each A element, scaled and added. Zero A elements (ReLU
    // outputs are about half zeros) are skipped.
    private static unsafe void AxpyRow(float* aRow, float* b, float* cRow, int k, int n, int from)
    {
        var width = n - from;
        var target = new Span<float>(cRow + from, width);
        for (var i = 0; i < k; i++)
        {
            var x = aRow[i];
            if (x != 0)
            {
                TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(b + ((long)i * n) + from, width), x, target, target);
            }
        }
    }

    private static void CheckLength(ReadOnlySpan<float> span, long needed, string name)
    {
        if (span.Length < needed)
        {
            throw new ArgumentException($"Needs at least {needed} floats; has {span.Length}.", name);
        }
    }
}
