namespace VisualRecSys.Web.Features.Why;

/// <summary>
/// Which pair's "why" panel a list shows (at most one), and which pair's toggle takes the keyboard focus back after its
/// panel was closed by its own close button (that button disappears with the panel; the focus would fall to the page's start).
/// </summary>
/// <typeparam name="TPair">What names a pair in the list: a result id, or a (query, result) pair.</typeparam>
public sealed class WhyChoice<TPair>
    where TPair : struct, IEquatable<TPair>
{
    /// <summary>The pair whose panel is shown, if any.</summary>
    public TPair? Open { get; private set; }

    /// <summary>The pair whose panel was closed by its own close button, if that was the last thing done.</summary>
    public TPair? ClosedByItsButton { get; private set; }

    /// <summary>Whether <paramref name="pair"/>'s panel is shown (its toggle is pressed).</summary>
    public bool IsOpen(TPair pair) => Open is { } open && open.Equals(pair);

    /// <summary>Whether <paramref name="pair"/>'s toggle should hold the focus: its panel was just closed by its own button.</summary>
    public bool TakesFocusBack(TPair pair) => ClosedByItsButton is { } closed && closed.Equals(pair);

    /// <summary>The toggle of <paramref name="pair"/> was pressed: shows its panel, or hides it when it was shown.</summary>
    public void Toggle(TPair pair)
    {
        ClosedByItsButton = null;
        Open = IsOpen(pair) ? null : pair;
    }

    /// <summary>The shown panel's own close button was pressed: hides it and hands the focus back to its toggle.</summary>
    public void CloseByItsButton()
    {
        ClosedByItsButton = Open;
        Open = null;
    }

    /// <summary>The list changed (another product): no panel, no focus to hand back.</summary>
    public void Reset()
    {
        Open = null;
        ClosedByItsButton = null;
    }
}
