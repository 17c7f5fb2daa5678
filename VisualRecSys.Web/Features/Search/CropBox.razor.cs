using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Web.Features.Search;

/// <summary>Chooses the region of one photo to search by (<see cref="CropRegion"/>, in the photo's upright pixels).</summary>
public partial class CropBox
{
    private readonly string _helpId = $"crop-help-{Guid.NewGuid():N}";
    private ElementReference _frame;
    private IJSObjectReference? _module;
    private DotNetObjectReference<CropBox>? _self;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>The upright preview to draw the box over (any size: the box is placed in fractions of it). Required.</summary>
    [Parameter, EditorRequired]
    public required string ImageUrl { get; set; }

    /// <summary>The photo's name, for the preview's alternative text. Required.</summary>
    [Parameter, EditorRequired]
    public required string Name { get; set; }

    /// <summary>The photo's width in pixels after its EXIF orientation: the unit of the region. Required.</summary>
    [Parameter, EditorRequired]
    public required int ImageWidth { get; set; }

    /// <summary>The photo's height in pixels after its EXIF orientation. Required.</summary>
    [Parameter, EditorRequired]
    public required int ImageHeight { get; set; }

    /// <summary>The region chosen; null is the whole photo. Default: null.</summary>
    [Parameter]
    public CropRegion? Region { get; set; }

    /// <summary>Receives a new region (null when reset to the whole photo).</summary>
    [Parameter]
    public EventCallback<CropRegion?> RegionChanged { get; set; }

    /// <summary>The widest the preview is shown, in CSS pixels. Default: 360.</summary>
    [Parameter]
    public int PreviewWidth { get; set; } = 360;

    private CropRegion Shown => Region ?? CropRegion.Whole(ImageWidth, ImageHeight);

    private string Description => string.Create(CultureInfo.InvariantCulture,
        $"Search region of {Name}: x {Shown.X}, y {Shown.Y}, {Shown.Width} by {Shown.Height} pixels of {ImageWidth} by {ImageHeight}");

    private string RegionText => Region is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"Searching the region {r.Width}×{r.Height} at ({r.X}, {r.Y}) of {ImageWidth}×{ImageHeight}")
        : string.Create(CultureInfo.InvariantCulture, $"Searching the whole image ({ImageWidth}×{ImageHeight})");

    // Everything but the box is shaded: a polygon around the frame with the box cut out (evenodd).
    private string ShadeClip => string.Create(CultureInfo.InvariantCulture,
        $"polygon(evenodd, 0% 0%, 100% 0%, 100% 100%, 0% 100%, 0% 0%, {Percent(Shown.X, ImageWidth)} {Percent(Shown.Y, ImageHeight)}, "
        + $"{Percent(Shown.X + Shown.Width, ImageWidth)} {Percent(Shown.Y, ImageHeight)}, {Percent(Shown.X + Shown.Width, ImageWidth)} {Percent(Shown.Y + Shown.Height, ImageHeight)}, "
        + $"{Percent(Shown.X, ImageWidth)} {Percent(Shown.Y + Shown.Height, ImageHeight)}, {Percent(Shown.X, ImageWidth)} {Percent(Shown.Y, ImageHeight)})");

    private static string Percent(int value, int whole) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * value / whole:0.###}%");

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);

            // A relative path: the page's import map resolves it to the fingerprinted file.
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Search/CropBox.razor.js");
            await _module.InvokeVoidAsync("attach", _frame, _self, CropRegion.MinSide);
        }
    }

    /// <summary>Called by the script when a drag ends or the keys rest: the region in the photo's upright pixels.</summary>
    [JSInvokable]
    public async Task OnRegionChosen(int x, int y, int width, int height)
    {
        // The script keeps the box inside the photo; a region that is not (a stale or forged call) is ignored.
        if (x < 0 || y < 0 || width < CropRegion.MinSide || height < CropRegion.MinSide)
        {
            return;
        }

        var region = new CropRegion(x, y, width, height);
        if (!region.FitsIn(ImageWidth, ImageHeight) || region == Shown)
        {
            return;
        }

        await RegionChanged.InvokeAsync(region == CropRegion.Whole(ImageWidth, ImageHeight) ? null : region);
    }

    private Task ResetAsync() => RegionChanged.InvokeAsync(null);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("detach", _frame);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the page with it.
            }
        }

        _self?.Dispose();
    }
}
