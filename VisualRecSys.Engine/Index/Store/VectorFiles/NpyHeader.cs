using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace VisualRecSys.Engine.Index.Store.VectorFiles;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1.0, 2.0 and 3.0): its element type, memory order and shape,
/// and where the data starts. Only what <c>numpy.save</c> writes is read; the header is a Python dict literal.
/// </summary>
/// <remarks>
/// Layout (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html): the magic <c>\x93NUMPY</c>, a major and
/// a minor version byte, the header's length (uint16 little-endian in 1.0, uint32 in 2.0 and 3.0), then the header
/// (ASCII, UTF-8 in 3.0), padded with spaces and a newline so the data starts on a 64-byte boundary.
/// </remarks>
/// <param name="Descr">The dtype as NumPy writes it, e.g. <c>&lt;f4</c>.</param>
/// <param name="FortranOrder">Whether the data is in column-major order.</param>
/// <param name="Shape">The array's shape.</param>
/// <param name="DataOffset">Bytes before the data.</param>
public sealed record NpyHeader(string Descr, bool FortranOrder, IReadOnlyList<long> Shape, long DataOffset)
{
    /// <summary>The dtype of little-endian float32, the only one imported.</summary>
    public const string LittleEndianFloat32 = "<f4";

    /// <summary>Bytes of the fixed part before the header's text in version 1.0 (magic, version, uint16 length).</summary>
    private const int PreludeV1 = 10;

    /// <summary>...and in versions 2.0 and 3.0 (uint32 length).</summary>
    private const int PreludeV2 = 12;

    /// <summary>A header this long is not one numpy writes; it bounds what a damaged length field makes us read.</summary>
    private const int MaxHeaderLength = 1 << 20;

    // Not a u8 string literal: "\x93" there is U+0093, two bytes in UTF-8.
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads the header at the start of <paramref name="stream"/>.</summary>
    /// <exception cref="InvalidDataException">It is not an .npy header; the message says what is wrong.</exception>
    public static NpyHeader Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prelude = stackalloc byte[PreludeV2];
        var got = stream.ReadAtLeast(prelude, PreludeV2, throwOnEndOfStream: false);
        if (got < PreludeV1 || !prelude[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException("it is not a NumPy .npy file (no \\x93NUMPY magic at its start)");
        }

        var major = prelude[6];
        int preludeLength;
        long headerLength;
        switch (major)
        {
            case 1:
                preludeLength = PreludeV1;
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prelude[8..]);
                break;
            case 2 or 3 when got >= PreludeV2:
                preludeLength = PreludeV2;
                headerLength = BinaryPrimitives.ReadUInt32LittleEndian(prelude[8..]);
                break;
            default:
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"it has .npy format version {major}.{prelude[7]}; versions 1.0, 2.0 and 3.0 are read"));
        }

        if (headerLength > MaxHeaderLength)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"its .npy header claims {headerLength:N0} bytes (damaged)"));
        }

        var text = new byte[headerLength];
        stream.Position = preludeLength;
        if (stream.ReadAtLeast(text, text.Length, throwOnEndOfStream: false) != text.Length)
        {
            throw new InvalidDataException("its .npy header is cut short (the file is truncated)");
        }

        var encoding = major == 3 ? Encoding.UTF8 : Encoding.ASCII;
        return Parse(encoding.GetString(text), preludeLength + headerLength);
    }

    /// <summary>Parses the header's dict literal, e.g. <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>.</summary>
    /// <exception cref="InvalidDataException">The text is not such a dict or lacks a key.</exception>
    public static NpyHeader Parse(string text, long dataOffset)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new DictReader(text);
        var entries = reader.ReadDict();
        var descr = entries.GetValueOrDefault("descr") as string ?? throw Missing("descr");
        var fortran = entries.GetValueOrDefault("fortran_order") as bool? ?? throw Missing("fortran_order");
        var shape = entries.GetValueOrDefault("shape") as IReadOnlyList<long> ?? throw Missing("shape");
        return new NpyHeader(descr, fortran, shape, dataOffset);
    }

    private static InvalidDataException Missing(string key) => new($"its .npy header has no usable '{key}'");

    /// <summary>The subset of Python literals a header holds: strings, True/False, tuples of integers.</summary>
    private ref struct DictReader(string text)
    {
        private readonly string _text = text;
        private int _at;

        public Dictionary<string, object> ReadDict()
        {
            var entries = new Dictionary<string, object>(StringComparer.Ordinal);
            Expect('{');
            while (true)
            {
                SkipSpace();
                if (Peek() == '}')
                {
                    _at++;
                    break;
                }

                var key = ReadString();
                Expect(':');
                entries[key] = ReadValue();
                SkipSpace();
                if (Peek() == ',')
                {
                    _at++;
                }
                else if (Peek() != '}')
                {
                    throw Bad("',' or '}' expected");
                }
            }

            // Only the padding may follow: spaces and the final newline.
            if (_text[_at..].Trim(' ', '\n', '\r', '\t', '\0').Length > 0)
            {
                throw Bad("text after the dict");
            }

            return entries;
        }

        private object ReadValue()
        {
            SkipSpace();
            switch (Peek())
            {
                case '\'' or '"':
                    return ReadString();
                case '(':
                    return ReadTuple();
                default:
                    if (TryWord("True"))
                    {
                        return true;
                    }

                    if (TryWord("False"))
                    {
                        return false;
                    }

                    throw Bad("a string, a tuple, True or False expected");
            }
        }

        private List<long> ReadTuple()
        {
            Expect('(');
            var values = new List<long>();
            while (true)
            {
                SkipSpace();
                if (Peek() == ')')
                {
                    _at++;
                    return values;
                }

                var start = _at;
                while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
                {
                    _at++;
                }

                if (start == _at || !long.TryParse(_text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw Bad("a non-negative integer expected in the shape");
                }

                // Python 2 wrote longs as 3L.
                if (Peek() == 'L')
                {
                    _at++;
                }

                values.Add(value);
                SkipSpace();
                if (Peek() == ',')
                {
                    _at++;
                }
                else if (Peek() != ')')
                {
                    throw Bad("',' or ')' expected in the shape");
                }
            }
        }

        private string ReadString()
        {
            SkipSpace();
            var quote = Peek();
            if (quote is not ('\'' or '"'))
            {
                throw Bad("a quoted key expected");
            }

            var end = _text.IndexOf(quote, _at + 1);
            if (end < 0)
            {
                throw Bad("an unterminated string");
            }

            var value = _text[(_at + 1)..end];
            _at = end + 1;
            return value;
        }

        private bool TryWord(string word)
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) == 0)
            {
                _at += word.Length;
                return true;
            }

            return false;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (Peek() != c)
            {
                throw Bad($"'{c}' expected");
            }

            _at++;
        }

        private readonly char Peek() => _at < _text.Length ? _text[_at] : '\0';

        private void SkipSpace()
        {
            while (_at < _text.Length && _text[_at] is ' ' or '\t' or '\n' or '\r')
            {
                _at++;
            }
        }

        private readonly InvalidDataException Bad(string what) =>
            new(string.Create(CultureInfo.InvariantCulture, $"its .npy header is not a dict NumPy writes ({what} at character {_at})"));
    }
}
