using VisualRecSys.Web.Features.Why;

namespace VisualRecSys.Web.Tests.Features.Why;

public sealed class WhyChoiceTests
{
    [Fact]
    public void A_toggle_opens_its_pair_replaces_another_and_closes_its_own()
    {
        var why = new WhyChoice<(int Query, int Result)>();

        why.Toggle((1, 2));
        Assert.True(why.IsOpen((1, 2)));
        why.Toggle((1, 3));
        Assert.False(why.IsOpen((1, 2)));
        Assert.True(why.IsOpen((1, 3)));
        why.Toggle((1, 3));
        Assert.Null(why.Open);
        // Closed by its toggle: the focus is already there, nothing to hand back.
        Assert.False(why.TakesFocusBack((1, 3)));
    }

    [Fact]
    public void Closed_by_its_own_button_the_pair_s_toggle_takes_the_focus_back_until_the_next_choice()
    {
        var why = new WhyChoice<int>();
        why.Toggle(7);

        why.CloseByItsButton();

        Assert.Null(why.Open);
        Assert.True(why.TakesFocusBack(7));
        Assert.False(why.TakesFocusBack(8));
        why.Toggle(8);
        Assert.False(why.TakesFocusBack(7));
        why.Reset();
        Assert.Null(why.Open);
        Assert.Null(why.ClosedByItsButton);
    }
}
