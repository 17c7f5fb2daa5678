using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

public sealed class ModelFilesTests
{
    [Fact]
    public void The_model_package_copies_both_files_into_a_referencing_projects_output()
    {
        // This test project references Engine only; the files arrive through Engine's PrivateAssets="none" package reference.
        var files = ModelFiles.Locate();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx"), files.ModelPath);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx"), files.PreprocessPath);
        Assert.True(new FileInfo(files.ModelPath).Length > 60_000_000);
    }

    [Fact]
    public void Files_placed_directly_in_the_folder_are_found()
    {
        var directory = Directory.CreateTempSubdirectory("vrs-models-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "ResNet18.onnx"), "x");
            File.WriteAllText(Path.Combine(directory, "ResNetPreprocess.onnx"), "x");

            var files = ModelFiles.Locate(directory);

            Assert.Equal(Path.Combine(directory, "ResNet18.onnx"), files.ModelPath);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_names_where_it_was_looked_for()
    {
        var directory = Directory.CreateTempSubdirectory("vrs-models-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "ResNet18.onnx"), "x");

            var e = Assert.Throws<FileNotFoundException>(() => ModelFiles.Locate(directory));

            Assert.Contains("ResNetPreprocess.onnx", e.Message, StringComparison.Ordinal);
            Assert.Contains(directory, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
