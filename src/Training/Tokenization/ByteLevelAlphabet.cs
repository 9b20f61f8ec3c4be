using System.Text;

namespace Vpo.Training.Tokenization;

/// <summary>
/// GPT-2's reversible byte-to-character mapping used by byte-level BPE: every byte gets a printable
/// character (the space becomes <c>Ġ</c>, the newline <c>Ċ</c>), so any UTF-8 text, whatever its script,
/// emoji or control characters, is spelt with 256 base tokens and never needs an unknown token.
/// </summary>
public static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly Dictionary<char, byte> CharToByte = Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    /// <summary>
    /// The 256 base symbols in GPT-2 vocabulary order (printable bytes first, in byte order, then the
    /// remapped ones), which is the order Hugging Face byte-level vocabularies start with.
    /// </summary>
    public static IReadOnlyList<byte> BaseOrder { get; } = BuildBaseOrder();

    /// <summary>The character that stands for <paramref name="value"/>.</summary>
    public static char ToChar(byte value) => ByteToChar[value];

    /// <summary>Spells UTF-8 bytes with the byte-level characters.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }
        return new string(chars);
    }

    /// <summary>Spells a text's UTF-8 encoding with the byte-level characters.</summary>
    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    /// <summary>Returns the bytes a byte-level token stands for, or false when it holds a character outside the alphabet.</summary>
    public static bool TryDecode(string token, out byte[] bytes)
    {
        bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            if (!CharToByte.TryGetValue(token[i], out bytes[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsPrintable(int b) => b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;

    private static char[] BuildByteToChar()
    {
        // Printable Latin-1 bytes stand for themselves; the others (controls, space, soft hyphen) are
        // shifted to U+0100 and up, in byte order, so no token contains whitespace or a control character.
        var map = new char[256];
        var shifted = 0;
        for (var b = 0; b < 256; b++)
        {
            map[b] = IsPrintable(b) ? (char)b : (char)(256 + shifted++);
        }
        return map;
    }

    private static byte[] BuildBaseOrder()
    {
        var printable = Enumerable.Range(0, 256).Where(IsPrintable);
        var remapped = Enumerable.Range(0, 256).Where(b => !IsPrintable(b));
        return printable.Concat(remapped).Select(b => (byte)b).ToArray();
    }
}
