using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using VisualRecSys.Testing;
using VisualRecSys.Testing.PostgreSql;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Tests.TestSupport;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>The real app host on the test run's PostgreSQL server: alone, and as two replicas sharing one database.</summary>
[Collection(PostgreSqlTestGroup.Name)]
public sealed class PostgreSqlHostTests(PostgreSqlServer server)
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task An_app_on_PostgreSQL_says_so_in_health_and_keeps_its_catalog_feedback_and_users_there()
    {
        var connectionString = await CreateDatabaseAsync("app");
        try
        {
            await using var app = PostgreSqlReplicas.OnPostgreSql(new AppFactory(), connectionString, "replica-a");
            using var client = app.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, s_readyTimeout);

            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            Assert.Equal("ok", health.GetProperty("status").GetString());
            Assert.Equal("PostgreSQL", health.GetProperty("database").GetString());
            Assert.Equal("replica-a", health.GetProperty("instance").GetString());
            Assert.Equal(AppFactory.ProductCount, health.GetProperty("index").GetProperty("items").GetInt32());

            // The title filter ignores case on PostgreSQL as on SQLite.
            var boots = await client.GetFromJsonAsync<JsonElement>("/api/products?q=ANKLE%20boot&pageSize=48");
            Assert.Equal(AppFactory.ProductsPerCategory, boots.GetProperty("total").GetInt32());

            // An unknown product's 404 asks whether it is a hidden duplicate (a query with EXISTS in its projection).
            var unknown = await client.GetAsync(new Uri($"/api/products/{AppFactory.ProductCount + 1000}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("No such product", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

            // INSERT ... ON CONFLICT DO UPDATE on PostgreSQL: a changed vote is one row with the last label.
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/feedback", new { queryProductId = 1, resultId = 2, label = "up" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/feedback", new { queryProductId = 1, resultId = 2, label = "down" })).StatusCode);
            Assert.Equal([-1L], await PostgreSqlReplicas.QueryAsync(connectionString, "SELECT \"Label\"::bigint FROM \"Feedback\" WHERE \"QueryKey\" = 'product:1' AND \"ResultProductId\" = 2"));

            // A user made and signed in on PostgreSQL reaches the admin API.
            using var admin = await app.CreateSignedInClientAsync(AppRoles.Admin);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/admin/builds", UriKind.Relative))).StatusCode);
            Assert.Equal([1L], await PostgreSqlReplicas.QueryAsync(connectionString, $"SELECT COUNT(*) FROM \"AspNetUsers\" WHERE \"Email\" = '{TestUsers.EmailOf(AppRoles.Admin)}'"));
            Assert.Equal(AppFactory.ProductCount, (await PostgreSqlReplicas.QueryAsync(connectionString, "SELECT COUNT(*) FROM \"Products\""))[0]);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    [SkippableFact]
    public async Task Two_apps_on_one_PostgreSQL_database_accept_each_others_sign_in_cookie_and_forms()
    {
        var connectionString = await CreateDatabaseAsync("replicas");
        try
        {
            await using var first = PostgreSqlReplicas.OnPostgreSql(WithoutCatalog(new AppFactory()), connectionString, "replica-1");
            await using var second = PostgreSqlReplicas.OnPostgreSql(WithoutCatalog(new AppFactory()), connectionString, "replica-2");
            await using var alone = WithoutCatalog(new AppFactory());
            var cookies = new CookieContainer();
            using var toFirst = Client(first, cookies);
            using var toSecond = Client(second, cookies);
            using var toAlone = Client(alone, cookies);
            await TestUsers.EnsureAsync(first.Services, AppRoles.Admin);

            // The sign-in form comes from one replica and is posted to the other: its antiforgery token must be valid there.
            await SignInAcrossAsync(formFrom: toSecond, postTo: toFirst);

            // The cookie the first issued is accepted by the second, which never saw this user sign in.
            Assert.Equal(HttpStatusCode.OK, (await toFirst.GetAsync(new Uri("/api/admin/builds", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await toSecond.GetAsync(new Uri("/api/admin/builds", UriKind.Relative))).StatusCode);
            // An app on its own database (its own keys) does not accept it: the shared key ring is what makes the difference.
            Assert.Equal(HttpStatusCode.Unauthorized, (await toAlone.GetAsync(new Uri("/api/admin/builds", UriKind.Relative))).StatusCode);

            var names = new List<string>();
            foreach (var client in new[] { toFirst, toSecond })
            {
                var health = await client.GetFromJsonAsync<JsonElement>("/health");
                names.Add(health.GetProperty("instance").GetString()!);
            }

            Assert.Equal(["replica-1", "replica-2"], names);
            // One key ring for both: the first replica to need a key made it, the other read it.
            Assert.Equal([1L], await PostgreSqlReplicas.QueryAsync(connectionString, "SELECT COUNT(*) FROM \"DataProtectionKeys\""));
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private async Task<string> CreateDatabaseAsync(string purpose)
    {
        Skip.If(server.SkipReason is not null, server.SkipReason);
        return await server.CreateDatabaseAsync(purpose);
    }

    /// <summary>Sign-in needs no catalog: skipping the import and embedding keeps three hosts cheap.</summary>
    private static AppFactory WithoutCatalog(AppFactory factory)
    {
        factory.Settings["VisualRecSys:SeedCatalog"] = "none";
        return factory;
    }

    /// <summary>A client of <paramref name="factory"/> keeping its cookies in <paramref name="cookies"/> (all hosts are http://localhost), not following redirects.</summary>
    private static HttpClient Client(WebApplicationFactory<Program> factory, CookieContainer cookies) =>
        factory.CreateDefaultClient(new CookieContainerHandler(cookies));

    private static async Task SignInAcrossAsync(HttpClient formFrom, HttpClient postTo)
    {
        var form = await formFrom.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, "The sign-in page has no antiforgery field.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Email"] = TestUsers.EmailOf(AppRoles.Admin),
            ["Password"] = TestUsers.Password,
            ["ReturnUrl"] = "/",
        });
        using var response = await postTo.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
