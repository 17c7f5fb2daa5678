using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Embedding.Preprocessing;
using VisualRecSys.Engine.Heads;
using VisualRecSys.Engine.Recommend;

namespace VisualRecSys.Engine.Explain;

/// <summary>Opens the app's embedders as <see cref="IPixelModel"/>s.</summary>
public static class PixelModels
{
    /// <summary>The pixel model of <paramref name="embedder"/>: an ONNX backbone, or a head on one.</summary>
    /// <exception cref="NoImagePipelineException">The model is known only by imported vectors.</exception>
    /// <exception cref="NotSupportedException">Another kind of embedder, which does not expose its input.</exception>
    public static IPixelModel For(IImageEmbedder embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return embedder switch
        {
            OnnxImageEmbedder onnx => new BackbonePixels(onnx),
            HeadImageEmbedder head => new HeadPixels(head),
            VectorsOnlyEmbedder vectorsOnly => throw new NoImagePipelineException(vectorsOnly.ModelId),
            _ => throw new NotSupportedException($"Model {embedder.ModelId} ({embedder.GetType().Name}) does not expose the pixels it sees."),
        };
    }

    private sealed class BackbonePixels(OnnxImageEmbedder backbone) : IPixelModel
    {
        private readonly ModelInputFormat _format = backbone.InputFormat;

        public string ModelId => backbone.ModelId;

        public int Dimension => backbone.Dimension;

        public int InputSize => _format.InputSize;

        public int BatchSize => backbone.MaxBatchSize;

        public void Render(ReadOnlySpan<byte> encodedImage, Span<float> planes) =>
            SquareRenderer.Render(encodedImage, backbone.Limits, _format.InputSize, _format.ChannelOrder, PreprocessScratch.ForCurrentThread(), planes);

        public void Embed(Memory<float> planes, int count, Span<float> destination)
        {
            var length = _format.InputLength;
            for (var i = 0; i < count; i++)
            {
                _format.Normalize(planes.Span.Slice(i * length, length));
            }

            backbone.EmbedPreprocessed(planes[..(count * length)], count, destination);
        }
    }

    /// <summary>A head on its backbone: the backbone on the squares (and their mirror images when the head mirrors), then the head.</summary>
    private sealed class HeadPixels(HeadImageEmbedder model) : IPixelModel
    {
        [ThreadStatic]
        private static HeadWorkspace? t_workspace;

        private readonly BackbonePixels _backbone = new(model.Backbone);

        public string ModelId => model.ModelId;

        public int Dimension => model.Dimension;

        public int InputSize => _backbone.InputSize;

        public int BatchSize => _backbone.BatchSize;

        public void Render(ReadOnlySpan<byte> encodedImage, Span<float> planes) => _backbone.Render(encodedImage, planes);

        public void Embed(Memory<float> planes, int count, Span<float> destination)
        {
            var head = model.Head;
            var vectors = new float[count * _backbone.Dimension];
            float[]? mirrored = null;
            if (head.MirrorAtQuery)
            {
                // Mirrored before normalising, as the head's own embedder does, so the per-pixel mean is subtracted alike.
                var copy = planes[..(count * 3 * InputSize * InputSize)].ToArray();
                ImagePreprocessor.Mirror(copy, InputSize);
                mirrored = new float[vectors.Length];
                _backbone.Embed(copy, count, mirrored);
            }

            _backbone.Embed(planes, count, vectors);
            head.Embed(vectors, mirrored ?? [], count, destination, t_workspace ??= new HeadWorkspace());
        }
    }
}
