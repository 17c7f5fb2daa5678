namespace VisualRecSys.Engine.Embedding;

/// <summary>The execution provider an embedder actually runs on, and why it was chosen.</summary>
/// <param name="Name"><c>"CUDA"</c> or <c>"CPU"</c>.</param>
/// <param name="Reason">
/// Why this provider is in use: <c>"configured"</c>, <c>"available"</c>, or for a fallback
/// <c>"CUDA provider unavailable: &lt;message&gt;"</c>.
/// </param>
public sealed record ExecutionProviderInfo(string Name, string Reason)
{
    /// <summary>Name reported for the CUDA execution provider.</summary>
    public const string CudaName = "CUDA";

    /// <summary>Name reported for the CPU execution provider.</summary>
    public const string CpuName = "CPU";
}
