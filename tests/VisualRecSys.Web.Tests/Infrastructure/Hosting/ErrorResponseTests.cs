using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.Infrastructure.Hosting;

/// <summary>
/// A client of the API gets its errors as problem documents (JSON it can read), never the HTML pages people see; people
/// still get the pages. The failure is a request the app cannot answer: a route under <c>/api</c> that throws.
/// </summary>
public sealed class ErrorResponseTests(ErrorResponseTests.FailingApp app) : IClassFixture<ErrorResponseTests.FailingApp>
{
    private const string ThrowingApiPath = "/api/test-failure";
    private const string ThrowingPagePath = "/test-failure";

    private readonly HttpClient _client = app.Client;

    /// <summary>The app with a last middleware that throws for the two test paths.</summary>
    public sealed class FailingApp : IAsyncLifetime
    {
        private AppFactory Factory { get; } = new();
        private WebApplicationFactory<Program>? _app;

        public HttpClient Client { get; private set; } = default!;

        public Task InitializeAsync()
        {
            _app = Factory.WithWebHostBuilder(builder =>
                builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowAfterTheApp>()));
            Client = _app.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
            await Factory.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_failing_api_request_answers_a_problem_document_with_no_details_of_the_exception()
    {
        using var response = await _client.GetAsync(ThrowingApiPath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain(nameof(TestFailureException), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_route_answers_a_problem_document_not_the_not_found_page()
    {
        using var response = await _client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_failing_page_request_still_shows_people_the_error_page()
    {
        using var response = await _client.GetAsync(ThrowingPagePath);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private sealed class TestFailureException() : Exception("a test failure");

    /// <summary>A last middleware, reached by requests no endpoint took: it throws for the two test paths.</summary>
    private sealed class ThrowAfterTheApp : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) =>
                context.Request.Path == ThrowingApiPath || context.Request.Path == ThrowingPagePath
                    ? throw new TestFailureException()
                    : nextMiddleware(context));
        };
    }
}
