namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>The ten Fashion-MNIST class names.</summary>
public static class FashionMnistCategories
{
    /// <summary>Class names indexed by label (0 = "T-shirt/top" … 9 = "Ankle boot").</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(
    [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ]);
}
