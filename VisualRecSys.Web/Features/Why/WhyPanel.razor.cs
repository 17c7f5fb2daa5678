using Microsoft.AspNetCore.Components;

namespace VisualRecSys.Web.Features.Why;

/// <summary>Computes (or takes from the cache) a pair's maps when shown, and shows them or why there are none.</summary>
public partial class WhyPanel
{
    /// <summary>The element id toggles point at with aria-controls.</summary>
    public const string DefaultElementId = "why-panel";

    // Below this top of the scale, a pair whose cells barely matter would have its float noise drawn at full strength.
    private const float MinScale = 0.01f;

    private WhyAnswer? _answer;
    private string? _problem;
    private (int, int, int)? _shown;

    // The panel opens above the results, so "Why?" on a card further down (most of them on a phone) would open it out of
    // sight: a newly asked pair brings the panel into view and the focus to its heading, for keyboard and screen-reader
    // users too.
    private ElementReference _heading;
    private bool _bringIntoView;

    [Inject]
    public required WhyMaps Maps { get; init; }

    /// <summary>The query product. Required.</summary>
    [Parameter, EditorRequired]
    public required int QueryId { get; set; }

    /// <summary>The result product. Required.</summary>
    [Parameter, EditorRequired]
    public required int ResultId { get; set; }

    /// <summary>Cells per side. Default: <see cref="WhyMaps.DefaultGrid"/>.</summary>
    [Parameter]
    public int Grid { get; set; } = WhyMaps.DefaultGrid;

    /// <summary>The panel's element id. Default: <see cref="DefaultElementId"/>.</summary>
    [Parameter]
    public string ElementId { get; set; } = DefaultElementId;

    /// <summary>Called by the close button; without it there is none. Default: none.</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var pair = (QueryId, ResultId, Grid);
        if (_shown == pair)
        {
            return;
        }

        _shown = pair;
        _bringIntoView = true;
        _answer = null;
        _problem = null;
        try
        {
            var answer = await Maps.ExplainAsync(QueryId, ResultId, Grid, CancellationToken.None);
            if (_shown != pair)
            {
                return;
            }

            _answer = answer;
            _problem = answer.Outcome == WhyOutcome.Explained ? null : answer.Detail;
        }
        catch (WhyBusyException e)
        {
            _problem = e.Message;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_bringIntoView)
        {
            _bringIntoView = false;
            await _heading.FocusAsync(preventScroll: false);
        }
    }
}
