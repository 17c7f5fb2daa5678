namespace VisualRecSys.Engine.Embedding;

/// <summary>The order of the colour planes a model takes.</summary>
public enum ChannelOrder
{
    /// <summary>Red, green, blue (torchvision and most exported models).</summary>
    Rgb,

    /// <summary>Blue, green, red (Caffe-trained models, and ResNet18 from the NuGet package).</summary>
    Bgr,
}
