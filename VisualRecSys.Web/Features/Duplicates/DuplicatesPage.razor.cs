using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using VisualRecSys.Engine.Duplicates;
using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Duplicates;

/// <summary>The admin console's duplicates page: start a scan, follow it, keep one product of each cluster and hide the others, show hidden ones again.</summary>
public sealed partial class DuplicatesPage : IDisposable
{
    private const int PageSize = 50;
    private static readonly string[] s_kinds = [DuplicateScans.Kind];

    private readonly Dictionary<int, int> _keep = [];
    private float _threshold = DuplicateSearch.DefaultThreshold;
    private int _neighbours = new DuplicateSearch().Neighbours;
    private DuplicateReport? _report;
    private IReadOnlyList<HiddenProductView> _hidden = [];
    private int _shown = PageSize;
    private string? _pending;
    private string? _message;
    private Severity _severity = Severity.Info;

    [Inject]
    public required DuplicateScans Scans { get; init; }

    [Inject]
    public required ProductHiding Hiding { get; init; }

    [Inject]
    public required AdminJobs Jobs { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Jobs.Changed += OnJobChanged;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var hidden = await Hiding.HiddenIdsAsync(CancellationToken.None);
        _report = Scans.Latest?.WithHidden(hidden);
        _hidden = await Hiding.ListAsync(CancellationToken.None);
    }

    // The kept product of a cluster: the admin's choice, else the first member still shown (else the first).
    private int KeepOf(DuplicateClusterView cluster) =>
        _keep.TryGetValue(cluster.Number, out var chosen) ? chosen : (cluster.Members.FirstOrDefault(m => !m.Hidden) ?? cluster.Members[0]).Id;

    private Task StartAsync() => RunAsync("scan", async () =>
    {
        var start = await Scans.StartAsync(new DuplicateScanRequest(_threshold, _neighbours), CancellationToken.None);
        Say(start.Started ? $"Scan job #{start.JobId} started." : start.RefusedBecause!, start.Started ? Severity.Info : Severity.Warning);
    });

    private Task HideOthersAsync(DuplicateClusterView cluster) => RunAsync($"hide-{cluster.Number}", async () =>
    {
        var keep = KeepOf(cluster);
        var others = cluster.Members.Where(m => m.Id != keep).Select(m => m.Id).ToArray();
        var by = AuthenticationState is null ? null : (await AuthenticationState).User.Identity?.Name;
        var hidden = await Hiding.HideAsync(keep, others, by, CancellationToken.None);
        Say(string.Create(CultureInfo.InvariantCulture, $"Cluster {cluster.Number}: kept #{keep}, {hidden} more hidden from the store."), Severity.Success);
    });

    private Task ShowAsync(int productId) => RunAsync($"show-{productId}", async () =>
    {
        var shown = await Hiding.ShowAsync(productId, CancellationToken.None);
        Say(shown ? $"Product #{productId} is in the store again." : $"Product #{productId} was not hidden.", shown ? Severity.Success : Severity.Warning);
    });

    private async Task RunAsync(string action, Func<Task> work)
    {
        _pending = action;
        try
        {
            await work();
            await ReloadAsync();
        }
        catch (ArgumentException e)
        {
            Say(e.Message, Severity.Warning);
        }
        finally
        {
            _pending = null;
        }
    }

    private void Say(string message, Severity severity) => (_message, _severity) = (message, severity);

    private async Task OnScanFinishedAsync(JobState state)
    {
        _shown = PageSize;
        _keep.Clear();
        await ReloadAsync();
    }

    // The start button follows the worker even when another page or the API started a job.
    private void OnJobChanged(JobState state) => _ = InvokeAsync(StateHasChanged);

    private static string Cosine(float cosine) => cosine.ToString("0.000", CultureInfo.InvariantCulture);

    public void Dispose() => Jobs.Changed -= OnJobChanged;
}
