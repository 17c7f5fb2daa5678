using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using VisualRecSys.Web.Features.Feedback;
using VisualRecSys.Web.Features.Search;

namespace VisualRecSys.Web.Features.Search;

/// <summary>
/// Describes the multipart body of <c>POST /api/similar</c> in the OpenAPI document. The handler reads the form
/// itself (so a wrong content type gets its own 415 with a message), which leaves nothing for the generator to infer.
/// </summary>
internal sealed class OpenApiMultipartDescription : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath != "api/similar" || context.Description.HttpMethod != "POST")
        {
            return Task.CompletedTask;
        }

        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "One image, or up to 8 for an outfit, in the field 'images'; optional 'k' (1–100, default 12), 'category' and "
                + "'crop' (x,y,w,h in the image's pixels after EXIF orientation, at least 16 each way; one per image in order, empty for a whole image).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { ImageSearchEndpoints.ImagesField },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [ImageSearchEndpoints.ImagesField] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                            ["k"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = "100" },
                            ["category"] = new OpenApiSchema { Type = JsonSchemaType.String },
                            [CropField.Name] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Items = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^(\d+,\d+,\d+,\d+)?$" },
                            },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
