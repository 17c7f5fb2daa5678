using Bunit;
using MudBlazor;
using VisualRecSys.Web.Components.Shared;

namespace VisualRecSys.Web.Tests.Components.Shared;

public class BusyButtonTests : MudTestContext
{
    [Fact]
    public void While_its_request_runs_the_button_is_disabled_spins_and_says_what_it_does()
    {
        var button = Context.Render<BusyButton>(p => p
            .Add(b => b.BusyText, "Activating…")
            .Add(b => b.Class, "activate-build")
            .AddChildContent("Activate"));

        var idle = button.Find("button.activate-build");
        Assert.Equal("Activate", idle.TextContent.Trim());
        Assert.False(idle.HasAttribute("disabled"));
        Assert.Empty(button.FindAll(".busy-spinner"));

        button.Render(p => p.Add(b => b.Busy, true));

        var busy = button.Find("button.activate-build");
        Assert.Equal("Activating…", busy.TextContent.Trim());
        Assert.True(busy.HasAttribute("disabled"));
        Assert.Equal("true", busy.GetAttribute("aria-busy"));
        Assert.Single(button.FindAll(".busy-spinner"));
    }

    [Fact]
    public void Another_request_running_disables_it_without_the_spinner()
    {
        var button = Context.Render<BusyButton>(p => p.Add(b => b.BusyText, "Deleting…").Add(b => b.Disabled, true).AddChildContent("Delete file"));

        Assert.True(button.Find("button").HasAttribute("disabled"));
        Assert.Equal("Delete file", button.Find("button").TextContent.Trim());
        Assert.Empty(button.FindAll(".busy-spinner"));
    }
}
