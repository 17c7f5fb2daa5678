using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VisualRecSys.Data;
using VisualRecSys.Testing;
using VisualRecSys.Web.Cli;
using VisualRecSys.Web.Features.Accounts;
using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Tests.Features.IndexBuilds;

/// <summary>
/// What becomes of index builds left behind damaged or half done: at start, a damaged active build falls back along the
/// activation history and an activation a stopped process asked for is finished (or recorded as not done, with why);
/// damaged files, found at start or when an admin activates one, are moved to a capped quarantine the status page shows.
/// </summary>
public sealed class BuildRecoveryAtStartTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-recovery-{Guid.NewGuid():N}");

    private string DataDirectory => Path.Combine(_root, "data");

    private string QuarantineFolder => Path.Combine(DataDirectory, "indexes", "quarantine");

    [Fact]
    public async Task A_damaged_active_build_falls_back_to_the_build_that_served_just_before_it_even_a_newer_one()
    {
        var first = await StartAndStopAsync(ActiveBuildAsync);
        var second = await BuildIndexAsync();
        var third = await BuildIndexAsync();
        await StartAndStopAsync(async app =>
        {
            var activation = app.Services.GetRequiredService<BuildActivation>();
            await activation.ActivateAsync(third, CancellationToken.None);
            await activation.ActivateAsync(first.Id, CancellationToken.None);
            return 0;
        });
        Corrupt(first);

        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(third, status.GetProperty("index").GetProperty("buildId").GetInt32());
        var builds = await BuildsAsync(app);
        Assert.Equal([first.Id, second, third], builds.Select(b => b.Id).Order());
        Assert.Equal(third, builds.Single(b => b.IsActive).Id);
        Assert.Equal(IndexBuildStatus.Ready, builds.Single(b => b.Id == second).Status);
        var refused = builds.Single(b => b.Id == first.Id);
        Assert.Equal(IndexBuildStatus.Failed, refused.Status);
        Assert.Contains("damaged", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_activation_cut_short_by_a_stop_is_finished_at_the_next_start_or_recorded_as_not_done_with_why()
    {
        var first = await StartAndStopAsync(ActiveBuildAsync);
        var sound = await BuildIndexAsync();
        var damaged = await BuildIndexAsync();
        // As a process killed while measuring the builds' recall leaves them: ready, activation asked for, not active.
        await RequestActivationAsync(sound, DateTimeOffset.UtcNow.AddMinutes(-2));
        await RequestActivationAsync(damaged, DateTimeOffset.UtcNow.AddMinutes(-1));
        Corrupt(await RowAsync(damaged));

        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(sound, status.GetProperty("index").GetProperty("buildId").GetInt32());
        var builds = await BuildsAsync(app);
        Assert.Equal(sound, builds.Single(b => b.IsActive).Id);
        Assert.All(builds, b => Assert.Null(b.ActivationRequestedAt));
        Assert.Null(builds.Single(b => b.Id == sound).Error);
        var notDone = builds.Single(b => b.Id == damaged);
        Assert.StartsWith(BuildHistory.NotActivatedMessage, notDone.Error, StringComparison.Ordinal);
        Assert.Contains("checksum", notDone.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(QuarantineFolder, $"{damaged}.vrsx")));
        Assert.False(builds.Single(b => b.Id == first.Id).IsActive);

        // The admin history (API and builds page) shows the activation as not done, with why.
        using var admin = await app.CreateSignedInClientAsync(AppRoles.Admin);
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/builds")).GetProperty("builds").EnumerateArray()
            .Single(b => b.GetProperty("id").GetInt32() == damaged);
        Assert.StartsWith(BuildHistory.NotActivatedMessage, listed.GetProperty("error").GetString(), StringComparison.Ordinal);
        var page = await admin.GetStringAsync("/admin");
        Assert.Contains(BuildHistory.NotActivatedMessage, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_build_asked_to_activate_records_the_request_and_a_stop_during_it_says_the_activation_was_not_done()
    {
        await StartAndStopAsync(ActiveBuildAsync);
        int building;
        await using (var app = new AppFactory(_root))
        {
            // Slow enough that the build is still running when the app stops.
            app.Settings["VisualRecSys:Admin:TreeBuildDelay"] = "00:00:00.2";
            using var client = app.CreateClient();
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
            using var admin = await app.CreateSignedInClientAsync(AppRoles.Admin);
            var started = await admin.PostAsJsonAsync("/api/admin/builds", new { trees = 500, activate = true });
            started.EnsureSuccessStatusCode();
            var deadline = DateTime.UtcNow.AddMinutes(1);
            IndexBuild? row;
            while ((row = (await BuildsAsync(app)).FirstOrDefault(b => b.Status == IndexBuildStatus.Running)) is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.NotNull(row);
            Assert.NotNull(row.ActivationRequestedAt);
            building = row.Id;
        }

        var interrupted = await StartAndStopAsync(app => BuildAsync(app, building));
        Assert.Equal(IndexBuildStatus.Failed, interrupted.Status);
        Assert.Null(interrupted.ActivationRequestedAt);
        Assert.Contains(BuildHistory.NotActivatedMessage, interrupted.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Damaged_files_are_moved_to_a_quarantine_kept_within_its_cap_and_shown_on_the_status_page()
    {
        var first = await StartAndStopAsync(ActiveBuildAsync);
        var builds = new List<int> { first.Id };
        for (var i = 0; i < 3; i++)
        {
            builds.Add(await BuildIndexAsync(activate: true));
        }

        foreach (var id in builds)
        {
            Corrupt(await RowAsync(id));
        }

        await using var app = new AppFactory(_root);
        app.Settings["VisualRecSys:IndexQuarantine:MaxFiles"] = "2";
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));

        // Every damaged build was refused and its file moved out of indexes/; the quarantine keeps the newest two.
        var after = await BuildsAsync(app);
        foreach (var id in builds)
        {
            var row = after.Single(b => b.Id == id);
            Assert.Equal(IndexBuildStatus.Failed, row.Status);
            Assert.Null(row.FilePath);
            Assert.NotNull(row.FileDeletedAt);
            Assert.Contains("quarantined", row.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(DataDirectory, "indexes", $"{id}.vrsx")));
        }

        var kept = Directory.GetFiles(QuarantineFolder);
        Assert.Equal(2, kept.Length);
        Assert.Single(after, b => b.IsActive && !builds.Contains(b.Id));

        using var admin = await app.CreateSignedInClientAsync(AppRoles.Admin);
        var quarantine = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/status")).GetProperty("quarantine");
        Assert.Equal(2, quarantine.GetProperty("files").GetInt32());
        Assert.Equal(kept.Sum(f => new FileInfo(f).Length), quarantine.GetProperty("bytes").GetInt64());
        Assert.Contains(Path.Combine(QuarantineFolder, quarantine.GetProperty("newest").GetString()!), kept);
        var page = await admin.GetStringAsync("/admin/status");
        Assert.Contains("status-quarantine", page, StringComparison.Ordinal);
        Assert.Contains(quarantine.GetProperty("newest").GetString()!, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activating_a_build_whose_file_is_damaged_is_refused_and_the_file_quarantined_while_the_active_one_serves()
    {
        var first = await StartAndStopAsync(ActiveBuildAsync);
        var second = await BuildIndexAsync();
        Corrupt(await RowAsync(second));

        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
        using var admin = await app.CreateSignedInClientAsync(AppRoles.Admin);

        using var refused = await admin.PostAsync($"/api/admin/builds/{second}/activate", null);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("moved to the quarantine", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var row = await BuildAsync(app, second);
        Assert.Equal(IndexBuildStatus.Failed, row.Status);
        Assert.Null(row.FilePath);
        Assert.False(File.Exists(Path.Combine(DataDirectory, "indexes", $"{second}.vrsx")));
        Assert.Single(Directory.GetFiles(QuarantineFolder));
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(first.Id, status.GetProperty("index").GetProperty("buildId").GetInt32());
    }

    [Theory]
    [InlineData("MaxFiles", "-1")]
    [InlineData("MaxMegabytes", "2000000")]
    public void Quarantine_caps_out_of_range_stop_the_app_at_start_naming_the_key(string key, string value)
    {
        using var app = new AppFactory(_root);
        app.Settings[$"VisualRecSys:IndexQuarantine:{key}"] = value;
        var refused = StartRefusal.Of(() => app.CreateClient());
        Assert.Contains($"VisualRecSys:IndexQuarantine:{key}", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A build of 5 trees by the <c>build-index</c> verb; returns its id.</summary>
    private async Task<int> BuildIndexAsync(bool activate = false)
    {
        string[] args = activate
            ? ["build-index", "--trees", "5", "--activate", "--data-dir", DataDirectory]
            : ["build-index", "--trees", "5", "--data-dir", DataDirectory];
        Assert.Equal(0, await CommandLineVerbs.RunAsync(args));
        await using var db = OpenDatabase();
        return await db.IndexBuilds.MaxAsync(b => b.Id);
    }

    /// <summary>Marks build <paramref name="id"/> as having an activation asked for at <paramref name="at"/> and not done, with no app running.</summary>
    private async Task RequestActivationAsync(int id, DateTimeOffset at)
    {
        await using var db = OpenDatabase();
        var build = await db.IndexBuilds.SingleAsync(b => b.Id == id);
        build.ActivationRequestedAt = at;
        await db.SaveChangesAsync();
    }

    /// <summary>Build <paramref name="id"/>'s row, read with no app running.</summary>
    private async Task<IndexBuild> RowAsync(int id)
    {
        await using var db = OpenDatabase();
        return await db.IndexBuilds.AsNoTracking().SingleAsync(b => b.Id == id);
    }

    private SqliteVisualRecSysDbContext OpenDatabase() =>
        new SqliteVisualRecSysDbContext(new DbContextOptionsBuilder<SqliteVisualRecSysDbContext>().UseSqlite($"Data Source={Path.Combine(DataDirectory, "visualrecsys.db")}").Options);

    /// <summary>Flips a byte in the middle of a build's file: its checksum no longer matches.</summary>
    private void Corrupt(IndexBuild build)
    {
        var file = Path.Combine(DataDirectory, build.FilePath!);
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
    }

    /// <summary>Starts the app on the test's data directory, waits until it searches (unless told not to), runs <paramref name="check"/>, stops it.</summary>
    private async Task<T> StartAndStopAsync<T>(Func<AppFactory, Task<T>> check, bool waitUntilReady = true)
    {
        await using var app = new AppFactory(_root);
        using var client = app.CreateClient();
        if (waitUntilReady)
        {
            await AppFactory.WaitUntilReadyAsync(client, TimeSpan.FromMinutes(3));
        }

        return await check(app);
    }

    private static async Task<IndexBuild> ActiveBuildAsync(AppFactory app) => (await BuildsAsync(app)).Single(b => b.IsActive);

    private static async Task<IndexBuild> BuildAsync(AppFactory app, int id) => (await BuildsAsync(app)).Single(b => b.Id == id);

    private static async Task<List<IndexBuild>> BuildsAsync(AppFactory app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<VisualRecSysDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.IndexBuilds.AsNoTracking().ToListAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
