using VisualRecSys.Web.Infrastructure.Concurrency;

namespace VisualRecSys.Web.Tests.Infrastructure.Concurrency;

public sealed class SearchGateTests
{
    [Fact]
    public async Task One_search_per_core_runs_and_the_next_waits_its_turn_in_arrival_order()
    {
        using var gate = new SearchGate();
        var held = new List<SearchGate.Slot>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            var entering = gate.EnterAsync(CancellationToken.None);
            Assert.True(entering.IsCompleted, "a free core must be given at once");
            held.Add(await entering);
        }

        var first = gate.EnterAsync(CancellationToken.None).AsTask();
        var second = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(first.IsCompleted, "every core is held: the next search must wait");

        // A freed core goes to the search that came first; the second still waits until that one is done.
        held[0].Dispose();
        var firstSlot = await first.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(second.IsCompleted, "the core went to the earlier search, so the later one still waits");
        firstSlot.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_waiting_search_whose_request_is_cancelled_gives_up_its_place()
    {
        using var gate = new SearchGate();
        var held = new List<SearchGate.Slot>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            held.Add(await gate.EnterAsync(CancellationToken.None));
        }

        using var cancel = new CancellationTokenSource();
        var waiting = gate.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The cancelled wait took no slot: releasing one lets exactly one new search in.
        held[0].Dispose();
        var next = gate.EnterAsync(CancellationToken.None);
        Assert.True(next.IsCompleted);
        (await next).Dispose();
    }
}
