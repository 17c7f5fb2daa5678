using VisualRecSys.Data;
using VisualRecSys.Web.Features.Quality;
using VisualRecSys.Web.Features.Quality.Jobs;

namespace VisualRecSys.Web.Tests.Features.Quality;

/// <summary>The launcher's fields and the request they start, and how a running job names its stage.</summary>
public class EvaluationFormTests
{
    [Fact]
    public void By_default_the_instance_figures_are_asked_for_with_four_copies_of_up_to_2000_products()
    {
        var request = new EvaluationForm { Model = "resnet18-0123456789ab", Build = 3 }.ToRequest()!;

        Assert.Equal(("resnet18-0123456789ab", 10, (int?)null, (int?)3, true), (request.ModelId, request.K, request.QueryLimit, request.IndexBuildId, request.LeaveOneOutWithoutQueries));
        Assert.Equal((4, 2000), (request.InstanceEdits, request.InstanceQueryLimit));
    }

    [Theory]
    [InlineData(true, 6, 150, 6, 150)]
    [InlineData(true, 40, 0, 12, 1)]
    [InlineData(true, 0, 10, 1, 10)]
    [InlineData(false, 6, 150, null, 150)]
    public void The_instance_options_are_passed_on_within_their_bounds(bool on, int edits, int products, int? expectedEdits, int expectedProducts)
    {
        var request = new EvaluationForm { Model = "m", Instance = on, InstanceEdits = edits, InstanceProducts = products }.ToRequest()!;

        Assert.Equal((expectedEdits, (int?)expectedProducts), (request.InstanceEdits, request.InstanceQueryLimit));
    }

    [Fact]
    public void Without_a_model_there_is_no_request()
    {
        Assert.Null(new EvaluationForm().ToRequest());
    }

    [Fact]
    public void A_running_job_names_its_stage_and_how_many_stages_there_are()
    {
        var both = new EvaluationRequest("m");
        var categoryOnly = new EvaluationRequest("m") { InstanceEdits = null };

        Assert.Equal("stage 1 of 2, category queries searched: 256 of 1,000",
            new EvaluationJobState(1, both, EvaluationRunStatus.Running, 256, 1000, "Searching").StageText);
        Assert.Equal("stage 2 of 2, edited copies embedded: 40 of 120",
            new EvaluationJobState(1, both, EvaluationRunStatus.Running, 40, 120, "Embedding edited copies", EvaluationStage.Instance).StageText);
        Assert.Equal("stage 1 of 1, category queries searched", new EvaluationJobState(1, categoryOnly, EvaluationRunStatus.Running, 0, 0, "Loading").StageText);
    }
}
