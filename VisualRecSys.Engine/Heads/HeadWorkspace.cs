namespace VisualRecSys.Engine.Heads;

/// <summary>
/// The buffers one forward and backward pass of a <see cref="HeadNetwork"/> needs, sized for a batch and reused across
/// batches (one per thread). Grows when a larger batch arrives.
/// </summary>
public sealed class HeadWorkspace
{
    private int _rows;
    private HeadNetwork? _network;

    internal float[] Inputs { get; private set; } = [];

    internal float[][] PreActivations { get; private set; } = [];

    internal float[][] Masks { get; private set; } = [];

    internal float[][] Activations { get; private set; } = [];

    internal float[][] Gradients { get; private set; } = [];

    internal float[] Logits { get; private set; } = [];

    internal float[] Probabilities { get; private set; } = [];

    internal float[] LogitGradients { get; private set; } = [];

    internal float[] Scratch { get; private set; } = [];

    private float[] _second = [];

    private float[] _fusedHead = [];

    private float[] _fusedInstance = [];

    private float[] _fusedScratch = [];

    private float[] _member = [];

    /// <summary>A buffer of at least <paramref name="length"/> floats for the head's part of fused embeddings.</summary>
    internal Span<float> FusedHeadOutput(int length) => Buffer(ref _fusedHead, length);

    /// <summary>A buffer for the instance (backbone) part of fused embeddings.</summary>
    internal Span<float> FusedInstanceOutput(int length) => Buffer(ref _fusedInstance, length);

    /// <summary>Working memory of the whitening.</summary>
    internal Span<float> FusedScratch(int length) => Buffer(ref _fusedScratch, length);

    /// <summary>One ensemble member's output before averaging.</summary>
    internal Span<float> MemberOutput(int length) => Buffer(ref _member, length);

    private static Span<float> Buffer(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>A buffer of at least <paramref name="length"/> floats for a second view's outputs, kept for the next call.</summary>
    internal Span<float> SecondView(int length)
    {
        if (_second.Length < length)
        {
            _second = new float[length];
        }

        return _second.AsSpan(0, length);
    }

    internal void EnsureCapacity(HeadNetwork network, int rows)
    {
        if (ReferenceEquals(network, _network) && rows <= _rows)
        {
            return;
        }

        rows = Math.Max(rows, _rows);
        var hidden = network.Layers.Take(network.Layers.Count - 1).Select(l => l.Outputs).ToArray();
        Inputs = new float[rows * network.InputDimension];
        PreActivations = [.. hidden.Select(w => new float[rows * w])];
        Masks = [.. hidden.Select(w => new float[rows * w])];
        Activations = [.. hidden.Select(w => new float[rows * w])];
        Gradients = [.. hidden.Select(w => new float[rows * w])];
        Logits = new float[rows * network.Classes];
        Probabilities = new float[rows * network.Classes];
        LogitGradients = new float[rows * network.Classes];
        var scratch = network.Layers.Max(l => Math.Max(rows * l.Inputs, l.Inputs * l.Outputs));
        Scratch = new float[scratch];
        _rows = rows;
        _network = network;
    }
}
