using System.Text.Json.Serialization;

namespace VisualRecSys.Bench;

/// <summary>Where the figures were measured.</summary>
internal sealed record MachineInfo
{
    [JsonPropertyName("cpu")]
    public required string Cpu { get; init; }

    [JsonPropertyName("cores")]
    public required int Cores { get; init; }

    [JsonPropertyName("os")]
    public required string Os { get; init; }

    [JsonPropertyName("runtime")]
    public required string Runtime { get; init; }

    [JsonPropertyName("vector512")]
    public required bool Vector512 { get; init; }

    public static MachineInfo Current() => new()
    {
        Cpu = CpuName(),
        Cores = Environment.ProcessorCount,
        Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        Runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        Vector512 = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
    };

    private static string CpuName()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (File.Exists(CpuInfo))
        {
            var line = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
    }
}
