using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Features.Status;

/// <summary><c>GET /health</c> and the execution provider at start, on the real app host.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_reports_the_provider_with_its_reason_the_model_and_the_index()
    {
        await using var app = new AppFactory();
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("Ready", health.GetProperty("catalogPhase").GetString());
        Assert.Equal("resnet18", health.GetProperty("model").GetString());
        var modelId = health.GetProperty("modelId").GetString()!;
        Assert.Matches("^resnet18-[0-9a-f]{12}$", modelId);
        Assert.Equal(modelId, health.GetProperty("index").GetProperty("modelId").GetString());
        Assert.Equal(AppFactory.ProductCount, health.GetProperty("index").GetProperty("items").GetInt32());
        // The default database, and the default replica name: this machine and process.
        Assert.Equal("Sqlite", health.GetProperty("database").GetString());
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", health.GetProperty("instance").GetString());

        var provider = health.GetProperty("provider").GetString();
        var reason = health.GetProperty("reason").GetString()!;
        if (provider == "CUDA")
        {
            Assert.Equal("available", reason);
        }
        else
        {
            // This machine has no CUDA 13 libraries: Auto runs on the CPU and says why.
            Assert.Equal("CPU", provider);
            Assert.StartsWith("CUDA provider unavailable: ", reason, StringComparison.Ordinal);
            Assert.Contains("libcublasLt", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Requiring_cuda_where_it_cannot_load_stops_the_start_with_the_reason()
    {
        using var probe = new OnnxImageEmbedder(new EmbeddingOptions());
        if (probe.Provider.Name == ExecutionProviderInfo.CudaName)
        {
            return; // Nothing to prove where CUDA works.
        }

        using var app = new CudaAppFactory();

        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var cause = e as ExecutionProviderUnavailableException ?? e.InnerException as ExecutionProviderUnavailableException;
        Assert.NotNull(cause);
        Assert.StartsWith("VisualRecSys:Embedding:Provider is Cuda, but the CUDA execution provider cannot be used: ", cause.Message, StringComparison.Ordinal);
        Assert.Contains("libcublasLt.so.13", cause.Message, StringComparison.Ordinal);
    }

    private sealed class CudaAppFactory : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("VisualRecSys:Embedding:Provider", "Cuda");
        }
    }
}
