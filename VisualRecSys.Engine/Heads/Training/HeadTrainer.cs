using System.Diagnostics;
using System.Numerics.Tensors;

namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// Trains a <see cref="HeadNetwork"/> with softmax cross-entropy and AdamW on mini-batches, a cosine-decayed step size,
/// and early stopping on a held-out share of the rows: the network returned is the one of the best validation epoch.
/// Everything random comes from <see cref="HeadTrainingOptions.Seed"/>, so a run can be repeated exactly.
/// </summary>
public static class HeadTrainer
{
    /// <summary>Trains a head on <paramref name="set"/>.</summary>
    /// <exception cref="ArgumentException">The set or the options are unusable.</exception>
    public static HeadTrainingResult Train(HeadTrainingSet set, HeadTrainingOptions options, IProgress<HeadEpoch>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(options);
        set.Validate();
        Check(options);
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var (validation, training) = Split(set, options, random);
        var validationRows = validation.Length;
        var dimension = set.Dimension;
        var trainingVectors = Gather(set.Vectors, training, dimension);
        var scaling = InputScaling.Fit(trainingVectors, training.Length, dimension, options.NormalizeInputLength);
        var network = HeadNetwork.Create(scaling, options.Hidden, set.Classes, random);
        var optimizer = new AdamOptimizer(network.Layers);
        var workspace = new HeadWorkspace();
        var batch = new float[options.BatchSize * dimension];
        var labels = new int[options.BatchSize];

        var history = new List<HeadEpoch>();
        HeadNetwork? best = null;
        var bestAccuracy = -1.0;
        var bestEpoch = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            random.Shuffle(training);
            var learningRate = CosineRate(options.LearningRate, epoch, options.Epochs);
            double lossSum = 0;
            var batches = 0;
            for (var start = 0; start < training.Length; start += options.BatchSize)
            {
                var rows = Math.Min(options.BatchSize, training.Length - start);
                for (var i = 0; i < rows; i++)
                {
                    var row = training[start + i];
                    var view = set.Mirrored is not null && random.Next(2) == 1 ? set.Mirrored : set.Vectors;
                    view.AsSpan(row * dimension, dimension).CopyTo(batch.AsSpan(i * dimension, dimension));
                    labels[i] = set.Labels[row];
                }

                network.Forward(batch, rows, workspace, options.Dropout, random);
                lossSum += network.Loss(labels, rows, options.LabelSmoothing, workspace);
                network.Backward(rows, workspace);
                optimizer.Step(learningRate, options.WeightDecay);
                batches++;
            }

            var accuracy = validationRows == 0 ? 0 : Accuracy(network, set, validation, workspace);
            var improved = accuracy > bestAccuracy;
            if (improved)
            {
                bestAccuracy = accuracy;
                bestEpoch = epoch;
                best = Clone(network);
            }

            var done = new HeadEpoch(epoch, options.Epochs, lossSum / batches, accuracy, clock.Elapsed, improved);
            history.Add(done);
            progress?.Report(done);
            if (validationRows > 0 && epoch - bestEpoch >= options.Patience)
            {
                break;
            }
        }

        return new HeadTrainingResult(best ?? network, history.Count, bestEpoch, Math.Max(0, bestAccuracy), training.Length, validationRows, clock.Elapsed, history);
    }

    /// <summary>The set's own validation rows and the rest, or a seeded share of the rows held out.</summary>
    private static (int[] Validation, int[] Training) Split(HeadTrainingSet set, HeadTrainingOptions options, Random random)
    {
        if (set.Validation is { } held)
        {
            var heldOut = held.ToHashSet();
            var rest = Enumerable.Range(0, set.Count).Where(row => !heldOut.Contains(row)).ToArray();
            return rest.Length > 0 ? ([.. heldOut.Order()], rest) : throw new ArgumentException("The validation rows leave no rows to train on.");
        }

        var order = Enumerable.Range(0, set.Count).ToArray();
        random.Shuffle(order);
        var validationRows = (int)Math.Round(set.Count * options.ValidationShare);
        if (validationRows >= set.Count)
        {
            throw new ArgumentException($"A validation share of {options.ValidationShare} leaves no rows to train on.");
        }

        return (order[..validationRows], order[validationRows..]);
    }

    /// <summary>
    /// Share of <paramref name="rows"/> whose highest-scoring category is their label; with mirrored vectors the two
    /// views' scores are averaged, as at query time.
    /// </summary>
    public static double Accuracy(HeadNetwork network, HeadTrainingSet set, IReadOnlyList<int> rows, HeadWorkspace? workspace = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(rows);
        workspace ??= new HeadWorkspace();
        const int chunk = 512;
        var dimension = set.Dimension;
        var classes = network.Classes;
        var input = new float[chunk * dimension];
        var scores = new float[chunk * classes];
        var mirroredScores = new float[chunk * classes];
        var correct = 0;
        for (var start = 0; start < rows.Count; start += chunk)
        {
            var n = Math.Min(chunk, rows.Count - start);
            Fill(set.Vectors, rows, start, n, dimension, input);
            network.Represent(input, n, HeadLayer.Logits, scores, workspace);
            if (set.Mirrored is not null)
            {
                Fill(set.Mirrored, rows, start, n, dimension, input);
                network.Represent(input, n, HeadLayer.Logits, mirroredScores, workspace);
                TensorPrimitives.Add(scores.AsSpan(0, n * classes), mirroredScores.AsSpan(0, n * classes), scores.AsSpan(0, n * classes));
            }

            for (var i = 0; i < n; i++)
            {
                if (TensorPrimitives.IndexOfMax(scores.AsSpan(i * classes, classes)) == set.Labels[rows[start + i]])
                {
                    correct++;
                }
            }
        }

        return rows.Count == 0 ? 0 : (double)correct / rows.Count;
    }

    private static void Fill(float[] source, IReadOnlyList<int> rows, int start, int count, int dimension, float[] destination)
    {
        for (var i = 0; i < count; i++)
        {
            source.AsSpan(rows[start + i] * dimension, dimension).CopyTo(destination.AsSpan(i * dimension, dimension));
        }
    }

    private static float[] Gather(float[] vectors, int[] rows, int dimension)
    {
        var result = new float[rows.Length * dimension];
        Fill(vectors, rows, 0, rows.Length, dimension, result);
        return result;
    }

    // Half a cosine from the full rate at epoch 1 to 1 % of it at the last epoch: large steps early, fine ones late.
    private static float CosineRate(float rate, int epoch, int epochs) =>
        epochs <= 1 ? rate : (float)(rate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / (epochs - 1))))));

    private static HeadNetwork Clone(HeadNetwork network) =>
        new(network.Scaling, [.. network.Layers.Select(l => new DenseLayer(l.Inputs, l.Outputs, (float[])l.Weights.Clone(), (float[])l.Bias.Clone()))]);

    private static void Check(HeadTrainingOptions options)
    {
        if (options.Epochs < 1 || options.BatchSize < 1 || options.Patience < 1)
        {
            throw new ArgumentException("Epochs, batch size and patience must be at least 1.");
        }

        if (options.Dropout is < 0 or >= 1 || options.LabelSmoothing is < 0 or >= 1 || options.ValidationShare is < 0 or >= 1)
        {
            throw new ArgumentException("Dropout, label smoothing and the validation share must be in [0, 1).");
        }

        if (!(options.LearningRate > 0) || options.WeightDecay < 0 || options.Hidden.Any(w => w < 1))
        {
            throw new ArgumentException("The learning rate must be positive, weight decay not negative, hidden widths at least 1.");
        }
    }
}
