using VisualRecSys.Web.Features.Feedback;

namespace VisualRecSys.Web.Tests.Features.Feedback;

public class FeedbackFilterTests
{
    [Fact]
    public void A_filter_round_trips_through_its_query_string()
    {
        var filter = new FeedbackFilter
        {
            Category = "T-shirt/top & more",
            Label = -1,
            BuildId = 3,
            ModelId = "resnet18-0123456789ab",
            From = new DateOnly(2026, 11, 1),
            To = new DateOnly(2026, 11, 30),
        };

        var query = filter.ToQueryString();
        var parameters = System.Web.HttpUtility.ParseQueryString(query);
        Assert.True(FeedbackFilter.TryParse(name => parameters[name], out var parsed, out var error), error);

        Assert.Equal("?category=T-shirt%2Ftop%20%26%20more&label=down&build=3&model=resnet18-0123456789ab&from=2026-11-01&to=2026-11-30", query);
        Assert.Equal(filter, parsed);
    }

    [Fact]
    public void An_empty_filter_has_no_query_string_and_blank_values_do_not_filter()
    {
        Assert.Equal("", new FeedbackFilter().ToQueryString());
        Assert.True(FeedbackFilter.TryParse(_ => " ", out var parsed, out _));
        Assert.Equal(new FeedbackFilter(), parsed);
    }
}
