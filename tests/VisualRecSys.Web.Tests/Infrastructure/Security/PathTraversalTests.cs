using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Data;

namespace VisualRecSys.Web.Tests.Infrastructure.Security;

/// <summary>No request reaches a file outside the images and assets folders: not by the URL, nor by a bad stored path.</summary>
public sealed class PathTraversalTests(ReadyAppFixture app) : IClassFixture<ReadyAppFixture>
{
    // Raw targets, sent as written (HttpClient would otherwise resolve the dot segments itself).
    public static TheoryData<string> HostileTargets() =>
    [
        "/images/../visualrecsys.db",
        "/images/..%2Fvisualrecsys.db",
        "/images/1%2F..%2F..%2Fvisualrecsys.db",
        "/images/%2e%2e/%2e%2e/visualrecsys.db",
        "/images/..%5C..%5Cvisualrecsys.db",
        "/images/%2Fetc%2Fpasswd",
        "/images//etc/passwd",
        "/images/1?size=../../../etc/passwd",
        "/images/1?size=128%2F..%2F..%2Fvisualrecsys.db",
        "/images/abc",
        "/images/-1",
        "/images/1.5",
        "/images/99999999999999999999",
        "/images/0x10",
        "/assets/../VisualRecSys.sln",
        "/assets/%2e%2e/%2e%2e/VisualRecSys.sln",
        "/assets/..%2F..%2FVisualRecSys.sln",
        "/assets/demo-catalog/../../VisualRecSys.sln",
        "/%2e%2e/%2e%2e/etc/passwd",
    ];

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task Traversal_and_non_numeric_ids_get_a_4xx_and_no_file(string target)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.Client.BaseAddress!, new Uri(target, UriKind.Relative)));
        using var response = await app.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{target}: {response.StatusCode}");
        Assert.DoesNotContain("SQLite format 3", body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft Visual Studio Solution File", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../visualrecsys.db")]
    [InlineData("/etc/passwd")]
    [InlineData("../../../../../../etc/passwd")]
    public async Task A_stored_image_path_outside_the_images_folder_is_never_served(string hostilePath)
    {
        var factory = app.Factory.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var product = await db.Products.OrderBy(p => p.Id).FirstAsync();
        var original = product.ImageFile;
        await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ImageFile, hostilePath));
        try
        {
            foreach (var query in new[] { "", "?size=128" })
            {
                using var response = await app.Client.GetAsync($"/images/{product.Id}{query}");
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("SQLite format 3", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        finally
        {
            await db.Products.Where(p => p.Id == product.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ImageFile, original));
        }
    }
}
