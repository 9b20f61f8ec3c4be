using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class ByteLevelAlphabetTests
{
    [Fact]
    public void Every_byte_has_its_own_printable_character_without_whitespace()
    {
        var characters = Enumerable.Range(0, 256).Select(b => ByteLevelAlphabet.ToChar((byte)b)).ToArray();

        Assert.Equal(256, characters.Distinct().Count());
        Assert.DoesNotContain(characters, char.IsWhiteSpace);
        Assert.DoesNotContain(characters, char.IsControl);
        Assert.Equal('Ġ', ByteLevelAlphabet.ToChar((byte)' '));
        Assert.Equal('Ċ', ByteLevelAlphabet.ToChar((byte)'\n'));
        Assert.Equal('a', ByteLevelAlphabet.ToChar((byte)'a'));
    }

    [Fact]
    public void Base_order_starts_with_the_printable_bytes_like_gpt2_vocabularies()
    {
        Assert.Equal(256, ByteLevelAlphabet.BaseOrder.Distinct().Count());
        Assert.Equal((byte)'!', ByteLevelAlphabet.BaseOrder[0]);
        Assert.Equal((byte)'~', ByteLevelAlphabet.BaseOrder[93]);
        Assert.Equal((byte)0, ByteLevelAlphabet.BaseOrder[188]);
    }

    [Fact]
    public void Encoded_text_decodes_back_to_its_utf8_bytes()
    {
        const string text = "Tom &amp; Jerry 🎥 东京 \t\r\n\u0000";

        var encoded = ByteLevelAlphabet.Encode(text);

        Assert.True(ByteLevelAlphabet.TryDecode(encoded, out var bytes));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), bytes);
        Assert.False(ByteLevelAlphabet.TryDecode("a b", out _));
    }
}
