using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls JS we do not need to verify).
/// Held rather than inherited: some MudBlazor services are only async-disposable, which xunit 2's synchronous
/// test-class disposal cannot do, so the context is disposed through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class MudTestContext : IAsyncLifetime
{
    protected MudTestContext()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
    }

    protected BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Context.DisposeAsync();
}
