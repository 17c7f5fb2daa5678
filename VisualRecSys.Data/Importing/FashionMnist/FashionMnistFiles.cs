namespace VisualRecSys.Data.Importing.FashionMnist;

/// <summary>Full paths of the four Fashion-MNIST IDX files (each gzipped or plain).</summary>
/// <param name="TrainImages">The 60,000 training images.</param>
/// <param name="TrainLabels">The 60,000 training labels.</param>
/// <param name="TestImages">The 10,000 test images.</param>
/// <param name="TestLabels">The 10,000 test labels.</param>
public sealed record FashionMnistFiles(string TrainImages, string TrainLabels, string TestImages, string TestLabels);
