using Vpo.Training.Tokenization;

namespace Vpo.Training.Tests.Tokenization;

public sealed class PreTokenizerPatternTests
{
    private static string[] Split(string text)
    {
        var pieces = new List<(int Offset, int Length)>();
        PreTokenizerPattern.Split(text, pieces);
        return pieces.Select(piece => text.Substring(piece.Offset, piece.Length)).ToArray();
    }

    [Fact]
    public void Splits_contractions_words_numbers_punctuation_and_whitespace_like_llama3()
    {
        Assert.Equal(["I", "'M", " sure", " it", "'s", " ", "202", "5", "!!\n\n", "  ", " ok"], Split("I'M sure it's 2025!!\n\n   ok"));
        Assert.Equal(["Tom", " &", "amp", ";", " Jerry", " --", "ar", " ", "16", ":", "9"], Split("Tom &amp; Jerry --ar 16:9"));
    }

    [Fact]
    public void Treats_astral_code_points_as_single_characters_of_their_unicode_class()
    {
        // An emoji is one non-letter code point, so it may lead a letter run as a space would.
        Assert.Equal(["😂abc"], Split("😂abc"));
        Assert.Equal(["𝓗𝓮𝓵𝓵𝓸", " world"], Split("𝓗𝓮𝓵𝓵𝓸 world"));
        Assert.Equal(["𝟙𝟚𝟛", "𝟜5"], Split("𝟙𝟚𝟛𝟜5"));
        Assert.Equal([" 🎥🎬\n", "x"], Split(" 🎥🎬\nx"));
    }

    [Fact]
    public void Never_drops_any_character()
    {
        const string text = "a\ud800b\udc00 东京\u00a0\u3000 x\r\n";

        Assert.Equal(text, string.Concat(Split(text)));
    }

    [Fact]
    public void Special_tokens_stay_whole_between_split_text()
    {
        var preTokenizer = new Llama3PreTokenizer(SpecialTokenNames.All);
        const string text = "<|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|>";

        var pieces = preTokenizer.PreTokenize(text).Select(piece => text.Substring(piece.Offset, piece.Length));

        Assert.Equal(["<|start_header_id|>", "user", "<|end_header_id|>", "\n\n", "hi", "<|eot_id|>"], pieces);
    }
}
