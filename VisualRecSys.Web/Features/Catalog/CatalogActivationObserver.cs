using VisualRecSys.Web.Features.IndexBuilds;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// When an admin activates another build, the product directory is read again (the searchable products may differ) and
/// the catalog's status names the build that serves.
/// </summary>
internal sealed class CatalogActivationObserver(ProductDirectory directory, CatalogStatus status) : IBuildActivationObserver
{
    public void Activated(ActiveIndexInfo info, int products)
    {
        ArgumentNullException.ThrowIfNull(info);
        directory.Invalidate();
        status.Report(CatalogPhase.Ready, products, products, $"{products:N0} products searchable (index build {info.BuildId}, {info.Trees} trees)");
    }
}
