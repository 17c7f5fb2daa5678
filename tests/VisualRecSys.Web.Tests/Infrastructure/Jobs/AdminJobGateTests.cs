using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Testing;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.Catalog;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Tests.Infrastructure.Jobs;

/// <summary>The admin worker's gate: the catalog's preparation opens it; closed, every start is refused with its reason.</summary>
public sealed class AdminJobGateTests(ReadyAppFixture fixture) : IClassFixture<ReadyAppFixture>
{
    [Fact]
    public async Task Prepared_the_gate_is_open_and_closed_a_start_is_refused_with_the_reason_then_accepted_once_open()
    {
        var gate = fixture.Factory.Services.GetRequiredService<AdminJobGate>();
        Assert.Null(gate.WhyNotNow()); // the preparation opened the gate it was registered closed with
        using var admin = await fixture.Factory.CreateSignedInClientAsync(AppRoles.Admin);

        gate.Close(CatalogBootstrapService.PreparingReason);
        try
        {
            using var refused = await admin.PostAsJsonAsync("/api/admin/builds", new { trees = 2 });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains(CatalogBootstrapService.PreparingReason, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            gate.Open();
        }

        var jobId = await AdminApiClient.StartAsync(admin, "/api/admin/builds", new { trees = 2 });
        var finished = await AdminApiClient.WaitAsync(admin, jobId, TimeSpan.FromMinutes(2));
        Assert.Equal("completed", finished.GetProperty("status").GetString());
    }
}
