namespace VisualRecSys.Engine.Embedding;

/// <summary>The scale of pixel values before the mean is subtracted and the result divided by the standard deviation.</summary>
public enum PixelRange
{
    /// <summary>0 to 1 (pixel / 255), as torchvision's <c>ToTensor</c> gives.</summary>
    Unit,

    /// <summary>0 to 255, the byte values themselves.</summary>
    Byte,
}
