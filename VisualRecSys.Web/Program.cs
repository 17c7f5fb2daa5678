using VisualRecSys.Engine.Memory;
using VisualRecSys.Web;
using VisualRecSys.Web.Cli;
using VisualRecSys.Web.Infrastructure.Hosting;

// Before any large native block is allocated (ONNX Runtime, image decoding): such blocks go back to the system when freed.
NativeHeap.ReturnLargeBlocksToTheSystem();

// A known verb as the first argument runs a command-line job instead of the web app (see Cli/).
if (CommandLineVerbs.IsVerb(args))
{
    return await CommandLineVerbs.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddAppSettingsBesideTheApp(builder.Environment);
builder.AddVisualRecSysWeb();

var app = builder.Build();
app.UseVisualRecSysWeb();
await app.RunAsync();
return 0;
