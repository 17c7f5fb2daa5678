using System.Buffers.Binary;
using System.Text;

namespace VisualRecSys.Engine.Index.Forest;

/// <summary>
/// The fixed 512-byte header of an index file: what the file holds and the checksum of everything else.
/// Sections follow in a fixed order, each 64-byte aligned, so their offsets derive from the counts.
/// </summary>
internal sealed record ForestFileHeader
{
    public const int Size = 512;
    /// <summary>
    /// 3: byte codes and residual lengths for the shortlist. 2 (still read): byte codes alone, shortlisted as before.
    /// 1 (still read): float shortlist coordinates, encoded when opened.
    /// </summary>
    public const uint CurrentVersion = 3;
    public const uint CodesOnlyVersion = 2;
    public const uint FloatShortlistVersion = 1;
    public const int ChecksumOffset = 72;
    public const int MaxModelIdBytes = 128;
    private const int ShortlistOffset = 84 + MaxModelIdBytes;
    private const int Alignment = 64;
    private static ReadOnlySpan<byte> Magic => "VRSX"u8;

    public required DistanceMetric Metric { get; init; }
    public required int Dimension { get; init; }
    public required int Count { get; init; }
    public required int SplitDimension { get; init; }
    public required int ProjectedDimension { get; init; }
    public required int TreeCount { get; init; }
    public required int LeafSize { get; init; }
    public required int DefaultSearchK { get; init; }
    public required int ShortlistFactor { get; init; }
    public required int InnerCount { get; init; }
    public required int LeafCount { get; init; }
    public required float MaxNorm { get; init; }
    public required long Seed { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required long LeafItemCount { get; init; }
    public required string ModelId { get; init; }
    public ulong Checksum { get; init; }
    public uint Version { get; init; } = CurrentVersion;

    /// <summary>See <see cref="ForestData.ResidualWeight"/> (0 before version 3).</summary>
    public float ResidualWeight { get; init; }

    /// <summary>Whether the file has the residual lengths section (version 3 on).</summary>
    public bool HasResiduals => Version >= CurrentVersion;

    public int ProjectionRows => Metric == DistanceMetric.Dot ? SplitDimension - 1 : ProjectedDimension;

    /// <summary>Bytes per row of shortlist codes (see <see cref="ShortlistCodes"/>).</summary>
    public int CodeStride => ShortlistCodes.StrideFor(ProjectionRows);

    private bool HasShortlist => ShortlistFactor > 0;

    /// <summary>(element size, element count) of each section, in file order; see <see cref="ForestFile"/> for what each holds.</summary>
    public IReadOnlyList<(int ElementSize, long Elements)> Sections
    {
        get
        {
            List<(int ElementSize, long Elements)> sections =
            [
                (4, (long)Count * Dimension),          // vectors
                (4, Count),                            // squared norms
                (4, Count),                            // ids
                (4, (long)ProjectionRows * Dimension), // projection
            ];
            if (Version == FloatShortlistVersion)
            {
                sections.Add((4, (long)Count * ProjectedDimension)); // projected (float shortlist coordinates)
            }
            else
            {
                sections.Add((1, HasShortlist ? (long)Count * CodeStride : 0)); // shortlist codes
                sections.Add((4, HasShortlist ? CodeStride : 0));               // code scales
                sections.Add((4, HasShortlist && Metric == DistanceMetric.Euclidean ? Count : 0)); // codes' squared norms
                if (HasResiduals)
                {
                    sections.Add((4, HasShortlist && ShortlistCodes.UsesResiduals(Metric) ? Count : 0)); // residual lengths
                }
            }

            sections.AddRange(
            [
                (4, (long)InnerCount * SplitDimension), // normals
                (4, InnerCount),                       // offsets
                (4, (long)InnerCount * 2),             // children
                (4, TreeCount),                        // roots
                (4, (long)LeafCount + 1),              // leaf starts
                (4, LeafItemCount),                    // leaf items
            ]);
            return sections;
        }
    }

    /// <summary>Byte offset of each section and the total file length.</summary>
    public (long[] Offsets, long Length) Layout()
    {
        var sections = Sections;
        var offsets = new long[sections.Count];
        long position = Size;
        for (var i = 0; i < sections.Count; i++)
        {
            position = Align(position);
            offsets[i] = position;
            position += sections[i].ElementSize * sections[i].Elements;
        }

        return (offsets, position);
    }

    public static long Align(long position) => (position + Alignment - 1) / Alignment * Alignment;

    public void Write(Span<byte> destination)
    {
        destination[..Size].Clear();
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], (int)Metric);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], Dimension);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], Count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[20..], SplitDimension);
        BinaryPrimitives.WriteInt32LittleEndian(destination[24..], TreeCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[28..], LeafSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[32..], DefaultSearchK);
        BinaryPrimitives.WriteInt32LittleEndian(destination[36..], InnerCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination[40..], LeafCount);
        BinaryPrimitives.WriteSingleLittleEndian(destination[44..], MaxNorm);
        BinaryPrimitives.WriteInt64LittleEndian(destination[48..], Seed);
        BinaryPrimitives.WriteInt64LittleEndian(destination[56..], CreatedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64LittleEndian(destination[64..], LeafItemCount);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[ChecksumOffset..], Checksum);
        var modelId = Encoding.UTF8.GetBytes(ModelId);
        if (modelId.Length > MaxModelIdBytes)
        {
            throw new ArgumentException($"Model id '{ModelId}' is longer than {MaxModelIdBytes} bytes.");
        }

        BinaryPrimitives.WriteInt32LittleEndian(destination[80..], modelId.Length);
        modelId.CopyTo(destination[84..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination[ShortlistOffset..], ShortlistFactor);
        BinaryPrimitives.WriteInt32LittleEndian(destination[(ShortlistOffset + 4)..], ProjectedDimension);
        BinaryPrimitives.WriteSingleLittleEndian(destination[(ShortlistOffset + 8)..], ResidualWeight);
    }

    /// <summary>Parses and sanity-checks a header; throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static ForestFileHeader Read(ReadOnlySpan<byte> source, string path)
    {
        if (source.Length < Size || !source[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"'{path}' is not a VisualRecSys index file (no VRSX header).");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(source[4..]);
        if (version is not (CurrentVersion or CodesOnlyVersion or FloatShortlistVersion))
        {
            throw new InvalidDataException($"'{path}' has index format version {version}; this build reads versions {FloatShortlistVersion} to {CurrentVersion}.");
        }

        var metric = (DistanceMetric)BinaryPrimitives.ReadInt32LittleEndian(source[8..]);
        var modelIdLength = BinaryPrimitives.ReadInt32LittleEndian(source[80..]);
        if (!Enum.IsDefined(metric) || modelIdLength is < 0 or > MaxModelIdBytes)
        {
            throw new InvalidDataException($"'{path}' has a corrupt header.");
        }

        var header = new ForestFileHeader
        {
            Metric = metric,
            Dimension = BinaryPrimitives.ReadInt32LittleEndian(source[12..]),
            Count = BinaryPrimitives.ReadInt32LittleEndian(source[16..]),
            SplitDimension = BinaryPrimitives.ReadInt32LittleEndian(source[20..]),
            TreeCount = BinaryPrimitives.ReadInt32LittleEndian(source[24..]),
            LeafSize = BinaryPrimitives.ReadInt32LittleEndian(source[28..]),
            DefaultSearchK = BinaryPrimitives.ReadInt32LittleEndian(source[32..]),
            InnerCount = BinaryPrimitives.ReadInt32LittleEndian(source[36..]),
            LeafCount = BinaryPrimitives.ReadInt32LittleEndian(source[40..]),
            MaxNorm = BinaryPrimitives.ReadSingleLittleEndian(source[44..]),
            Seed = BinaryPrimitives.ReadInt64LittleEndian(source[48..]),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(source[56..]), 0, 253402300799999)),
            LeafItemCount = BinaryPrimitives.ReadInt64LittleEndian(source[64..]),
            Checksum = BinaryPrimitives.ReadUInt64LittleEndian(source[ChecksumOffset..]),
            Version = version,
            ModelId = Encoding.UTF8.GetString(source.Slice(84, modelIdLength)),
            ShortlistFactor = BinaryPrimitives.ReadInt32LittleEndian(source[ShortlistOffset..]),
            ProjectedDimension = BinaryPrimitives.ReadInt32LittleEndian(source[(ShortlistOffset + 4)..]),
            ResidualWeight = version >= CurrentVersion ? BinaryPrimitives.ReadSingleLittleEndian(source[(ShortlistOffset + 8)..]) : 0f,
        };
        if (header.Dimension < 1 || header.Count < 0 || header.SplitDimension < 1 || header.TreeCount < 1
            || header.LeafSize < 1 || header.ShortlistFactor < 0 || header.InnerCount < 0 || header.LeafCount < 1 || header.DefaultSearchK < 0
            || !float.IsFinite(header.ResidualWeight) || header.ProjectedDimension < header.SplitDimension || header.ProjectionRows < 1 || header.LeafItemCount != (long)header.TreeCount * header.Count)
        {
            throw new InvalidDataException($"'{path}' has a corrupt header (inconsistent counts).");
        }

        return header;
    }
}
