using Google.Protobuf;
using Onnx;

namespace VisualRecSys.Engine.Embedding;

/// <summary>Reads ONNX model files with OnnxSharp's protobuf types.</summary>
internal static class OnnxFile
{
    /// <summary>
    /// Parses an ONNX file opened read-only and shared. OnnxSharp's own <c>ParseFromFile</c> opens with
    /// <c>File.Open(path, FileMode.Open)</c>, i.e. read-write and exclusive: it fails on read-only deployments
    /// and when two embedders load the same file at once.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a valid ONNX protobuf.</exception>
    public static ModelProto Parse(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 20);
        try
        {
            return ModelProto.Parser.ParseFrom(stream);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid ONNX model: {e.Message}", e);
        }
    }
}
