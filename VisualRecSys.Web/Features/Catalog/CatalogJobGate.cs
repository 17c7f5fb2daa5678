using VisualRecSys.Web.Infrastructure.Jobs;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>No admin job while the catalog is being prepared: they would load the same products, files and cores.</summary>
internal sealed class CatalogJobGate(CatalogStatus catalog) : IAdminJobGate
{
    public string? WhyNotNow() => catalog.Current.Phase is CatalogPhase.Ready or CatalogPhase.Failed
        ? null
        : $"The catalog is still being prepared ({catalog.Current.Message}); try again when it is ready.";
}
