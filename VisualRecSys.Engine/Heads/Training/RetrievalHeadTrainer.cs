using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Heads.Whitening;

namespace VisualRecSys.Engine.Heads.Training;

/// <summary>
/// Trains the head the app serves by default: neighbours that look alike first, of the same kind second. On the
/// training split's backbone vectors and edited copies of some of its products:
/// <list type="number">
/// <item>holds out a seeded share of the products (and their copies) for every choice below;</item>
/// <item>learns a whitening of the backbone from original–copy pairs (<see cref="BackboneWhitening.FitFromPairs"/>);</item>
/// <item>trains an ensemble of category networks on the originals and the copies;</item>
/// <item>fits per-category offsets on the held-out products so that no category is given up for the others;</item>
/// <item>measures, on the held-out products, category precision@10 and instance recall of the backbone and of each
/// backbone share, and lets <see cref="TwoAxisRule"/> choose.</item>
/// </list>
/// </summary>
public static class RetrievalHeadTrainer
{
    /// <summary>Trains a retrieval head.</summary>
    /// <exception cref="ArgumentException">The input or the options are unusable.</exception>
    public static RetrievalHeadResult Train(RetrievalHeadInput input, RetrievalHeadOptions options, IProgress<RetrievalHeadProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        input.Validate();
        options.Validate();
        var clock = Stopwatch.StartNew();
        var held = HeldOut(input.Count, options);
        var copiesTrained = Enumerable.Range(0, input.CopyOf.Length).Where(c => !held.Contains(input.CopyOf[c])).ToArray();
        var copiesValidated = Enumerable.Range(0, input.CopyOf.Length).Where(c => held.Contains(input.CopyOf[c])).ToArray();

        progress?.Report(new RetrievalHeadProgress("learning the whitening from edited copies", 0, options.Members, null));
        var dimension = input.Dimension;
        var whitening = BackboneWhitening.FitFromPairs(input.Vectors, input.Count,
            Rows(input.Vectors, [.. copiesTrained.Select(c => input.CopyOf[c])], dimension), Rows(input.CopyVectors, copiesTrained, dimension),
            copiesTrained.Length, dimension);

        var trainings = TrainMembers(input, options, held, copiesTrained, progress, ct);
        var members = trainings.Select(t => t.Network).ToArray();
        var validation = held.Order().ToArray();

        progress?.Report(new RetrievalHeadProgress("choosing class offsets and the backbone's share on held-out products", 0, options.Members, null));
        var calibration = options.BalanceCategories
            ? CategoryBalance.Fit(members, Rows(input.Vectors, validation, dimension), [.. validation.Select(r => input.Labels[r])], input.Classes)
            : ClassCalibration.None;
        var measure = new HeldOutMeasure(input, validation, copiesValidated, options.MaxDegreeOfParallelism);
        var backbone = measure.Backbone();
        var head = CategoryHead.Create("backbone", [.. Enumerable.Range(0, input.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))],
            members, HeadLayer.RootProbabilities, mirrorAtQuery: false, new HeadTrainingSummary(), new HeadFusion(0, whitening), calibration);
        var candidates = new List<TwoAxisFigures>();
        var fused = new List<(TwoAxisFigures Figures, float Share, float Temperature)>();
        foreach (var temperature in options.Temperatures)
        {
            var tempered = head.WithCalibration(new ClassCalibration(temperature, calibration.Offsets));
            var figures = measure.Of(tempered, options.Shares, share => CandidateName(share, temperature), ct);
            candidates.AddRange(figures.Select((f, i) => i == 0 ? f with { Name = CandidateName(0, temperature) } : f));
            fused.AddRange(figures.Skip(1).Zip(options.Shares, (f, share) => (f, share, temperature)));
        }

        // Among the fused candidates only: the class part alone never keeps likeness, and the raw backbone is not a head.
        var chosen = TwoAxisRule.ChooseAmong([.. fused.Select(f => f.Figures)], backbone);
        var (_, chosenShare, chosenTemperature) = fused.First(f => f.Figures == chosen);
        calibration = new ClassCalibration(chosenTemperature, calibration.Offsets);
        return new RetrievalHeadResult
        {
            Members = members,
            Whitening = whitening,
            Calibration = calibration,
            Share = chosenShare,
            Backbone = backbone,
            Candidates = candidates,
            Chosen = chosen,
            Trainings = trainings,
            ValidationProducts = validation.Length,
            CopiesTrained = copiesTrained.Length,
            CopiesValidated = copiesValidated.Length,
            Elapsed = clock.Elapsed,
        };
    }

    /// <summary>The name a candidate's figures carry: <c>share 0.4, T 0.6</c>, or <c>head alone, T 1</c> for share 0.</summary>
    public static string CandidateName(float share, float temperature) => share > 0
        ? string.Create(CultureInfo.InvariantCulture, $"share {share:0.##}, T {temperature:0.##}")
        : string.Create(CultureInfo.InvariantCulture, $"head alone, T {temperature:0.##}");

    private static HashSet<int> HeldOut(int count, RetrievalHeadOptions options)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(options.Seed).Shuffle(order);
        return [.. order.Take(Math.Max(1, (int)Math.Round(count * options.ValidationShare)))];
    }

    /// <summary>Trains the members on the originals and the copies of products not held out, several at once.</summary>
    private static HeadTrainingResult[] TrainMembers(RetrievalHeadInput input, RetrievalHeadOptions options, HashSet<int> held, int[] copiesTrained,
        IProgress<RetrievalHeadProgress>? progress, CancellationToken ct)
    {
        var dimension = input.Dimension;
        var vectors = new float[(input.Count + copiesTrained.Length) * dimension];
        input.Vectors.CopyTo(vectors, 0);
        Rows(input.CopyVectors, copiesTrained, dimension).CopyTo(vectors, input.Count * dimension);
        var labels = input.Labels.Concat(copiesTrained.Select(c => input.Labels[input.CopyOf[c]])).ToArray();
        var set = new HeadTrainingSet(vectors, labels, dimension, input.Classes) { Validation = [.. held.Order()] };

        var results = new HeadTrainingResult[options.Members];
        var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, options.Members, parallel, member =>
        {
            var memberOptions = options.Network.WithSeed(options.Seed + member);
            var epochs = progress is null ? null : new Progress(progress, member + 1, options.Members);
            results[member] = HeadTrainer.Train(set, memberOptions, epochs, ct);
        });
        return results;
    }

    /// <summary>The rows <paramref name="rows"/> of a row-major matrix, one after another.</summary>
    internal static float[] Rows(float[] matrix, IReadOnlyList<int> rows, int dimension)
    {
        var gathered = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++)
        {
            matrix.AsSpan(rows[i] * dimension, dimension).CopyTo(gathered.AsSpan(i * dimension, dimension));
        }

        return gathered;
    }

    /// <summary>Reports a member's epochs synchronously (members train on several threads).</summary>
    private sealed class Progress(IProgress<RetrievalHeadProgress> target, int member, int members) : IProgress<HeadEpoch>
    {
        public void Report(HeadEpoch value) => target.Report(new RetrievalHeadProgress("training", member, members, value));
    }
}
