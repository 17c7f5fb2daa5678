using VisualRecSys.Engine.Evaluation;
using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Web.Features.Quality;

/// <summary>What the evaluation launcher's fields hold, and the request they make (values out of range are brought into it).</summary>
public sealed class EvaluationForm
{
    /// <summary>The largest k the form asks for (the verb's bound).</summary>
    public const int MaxK = EvaluationRequest.MaxK;

    /// <summary>The model whose stored vectors are evaluated; nothing can start without one.</summary>
    public string? Model { get; set; }

    /// <summary>The index build to measure; null measures none.</summary>
    public int? Build { get; set; }

    /// <summary>Neighbours per query, 1–<see cref="MaxK"/>.</summary>
    public int K { get; set; } = EvaluationInput.DefaultK;

    /// <summary>Whether every test query is searched; otherwise a seeded sample of <see cref="QueryLimit"/>.</summary>
    public bool AllQueries { get; set; } = true;

    /// <summary>The size of the query sample when not <see cref="AllQueries"/>.</summary>
    public int QueryLimit { get; set; } = 100;

    /// <summary>Whether the instance figures are measured (edited copies of sampled products must find their original).</summary>
    public bool Instance { get; set; } = true;

    /// <summary>Edited copies per product, 1–<see cref="EditedInstanceInput.MaxEditsPerQuery"/>.</summary>
    public int InstanceEdits { get; set; } = EditedInstanceInput.DefaultEditsPerQuery;

    /// <summary>Products sampled (seeded) for the instance figures; all when the catalog has fewer.</summary>
    public int InstanceProducts { get; set; } = EditedInstanceInput.DefaultQueries;

    /// <summary>The request these fields make; null without a model.</summary>
    public EvaluationRequest? ToRequest() => Model is null ? null : new EvaluationRequest(Model, Math.Clamp(K, 1, MaxK), AllQueries ? null : Math.Max(1, QueryLimit))
    {
        IndexBuildId = Build,
        // The demo catalog has no held-out products: the console measures it leave-one-out rather than refusing.
        LeaveOneOutWithoutQueries = true,
        InstanceEdits = Instance ? Math.Clamp(InstanceEdits, 1, EditedInstanceInput.MaxEditsPerQuery) : null,
        InstanceQueryLimit = Math.Max(1, InstanceProducts),
    };
}
