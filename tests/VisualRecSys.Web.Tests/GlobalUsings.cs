// Test helpers live beside the tests of the feature they serve (or in TestSupport); every test file sees them all.
global using VisualRecSys.Web.Tests.Architecture;
global using VisualRecSys.Web.Tests.Cli;
global using VisualRecSys.Web.Tests.Components.Shared;
global using VisualRecSys.Web.Tests.Features.Accounts;
global using VisualRecSys.Web.Tests.Features.Catalog;
global using VisualRecSys.Web.Tests.Features.Catalog.Importing;
global using VisualRecSys.Web.Tests.Features.Feedback;
global using VisualRecSys.Web.Tests.Features.Heads;
global using VisualRecSys.Web.Tests.Features.IndexBuilds;
global using VisualRecSys.Web.Tests.Features.Quality;
global using VisualRecSys.Web.Tests.Features.Search;
global using VisualRecSys.Web.Tests.Features.Status;
global using VisualRecSys.Web.Tests.Features.Store;
global using VisualRecSys.Web.Tests.Infrastructure.Hosting;
global using VisualRecSys.Web.Tests.Infrastructure.RateLimiting;
global using VisualRecSys.Web.Tests.Infrastructure.Security;
global using VisualRecSys.Web.Tests.TestSupport;
