using Vpo.Inference.Prompting;

namespace Vpo.Inference.Tests.Prompting;

// The queries are verbatim from the released VPO query lists (shared/data/vpo-queries), HTML entities, odd dashes,
// typos and all: the parser must cope with what users really type.
public sealed class QueryFlagParserTests
{
    [Fact]
    public void Parses_every_known_flag_with_html_quoted_negative_prompt()
    {
        var parameters = QueryFlagParser.Parse(
            "Kame House with Master Roshi and his turtle, peaceful ocean in the background, 4K -gs 15 -neg &quot;desert&quot; -ar 1:1 -seed 2005 -motion 1");

        Assert.Equal(15, parameters.GuidanceScale);
        Assert.Equal("desert", parameters.NegativePrompt);
        Assert.Equal("1:1", parameters.AspectRatio);
        Assert.Equal(2005UL, parameters.Seed);
        Assert.Equal(1, parameters.Motion);
        Assert.Empty(parameters.Other);
    }

    [Fact]
    public void Reads_values_glued_to_the_name_and_a_space_after_the_dash()
    {
        var parameters = QueryFlagParser.Parse("men in gas masks, lab, 1970s retro look  -gs24 -motion 4 -fps 24  - camera zoom in -ar 16:9");

        Assert.Equal(24, parameters.GuidanceScale);
        Assert.Equal(4, parameters.Motion);
        Assert.Equal(24, parameters.Fps);
        Assert.Equal("zoom in", parameters.Camera);
        Assert.Equal("16:9", parameters.AspectRatio);
    }

    [Fact]
    public void Accepts_double_dashes_en_dashes_and_upper_case_names()
    {
        Assert.Equal(3, QueryFlagParser.Parse("hoard of zombies running towards camera -- motion 3 --ar 16:9").Motion);
        Assert.Equal("16:9", QueryFlagParser.Parse("hoard of zombies running towards camera -- motion 3 --ar 16:9").AspectRatio);
        Assert.Equal(4, QueryFlagParser.Parse(
            "The back upper body of a woman opening the front door. In one hand, she is holding a leather handbag. The background is the entrance. -ar 16:9 –motion 4").Motion);

        var shouted = QueryFlagParser.Parse(
            "cinematic film, Establishing jib shot of a girl in white cloth, view from the back, a Victorian mansion in the distance, with stairs leading to the door of the mansion, forest in the background, the girl is standig still, watching up to the mansion, wind is blowing through her hair and cloth, in the night, fog, moon light, horror lighting, mystery film  -NEG moving -MOTION 3   -AS 16:9   -CAMERA PAN UP");
        Assert.Equal("moving", shouted.NegativePrompt);
        Assert.Equal(3, shouted.Motion);
        Assert.Equal("PAN UP", shouted.Camera);
        // "-AS" is a typo for -ar; it is kept as written rather than guessed.
        Assert.Null(shouted.AspectRatio);
        Assert.Equal("16:9", shouted.Other["as"]);
    }

    [Fact]
    public void Strips_curly_quotes_and_keeps_commas_inside_a_negative_prompt()
    {
        var parameters = QueryFlagParser.Parse(
            "High Angle Shot, daytime, a woman with yellow hair, clean face, futuristic blue rubber clothes with details, woman walking forward in a futuristic metropolis, distant people, Holographic 3D Style -neg “change, deform, distort, rays light, beam light, smoke, big people” -motion 1 -gs 12 -fps 24 v 0.7 -hide");

        Assert.Equal("change, deform, distort, rays light, beam light, smoke, big people", parameters.NegativePrompt);
        Assert.Equal(1, parameters.Motion);
        Assert.Equal(12, parameters.GuidanceScale);
        Assert.Equal(24, parameters.Fps);
        Assert.Equal(string.Empty, parameters.Other["hide"]);
    }

    [Fact]
    public void Ends_a_value_at_a_line_break_flag_and_drops_trailing_punctuation()
    {
        var parameters = QueryFlagParser.Parse("highly detailed timelapse of sun settings at peaceful tropical beach.\n-ar 9:16 -neg drawing, low quality.");

        Assert.Equal("9:16", parameters.AspectRatio);
        Assert.Equal("drawing, low quality", parameters.NegativePrompt);
    }

    [Fact]
    public void Does_not_take_hyphenated_words_or_loose_dashes_for_flags()
    {
        var hyphenated = QueryFlagParser.Parse(
            "1970&#39;s wes anderson style sci-fi woman in retro space suit and helmet sitting on floor in mid century modern living room talking into microphone with 10 retro radios behind her 1970&#39;s hyper realistic photo vibrant colorful -ar 16:9 -motion 2");
        Assert.Equal("16:9", hyphenated.AspectRatio);
        Assert.Equal(2, hyphenated.Motion);
        Assert.Empty(hyphenated.Other);

        var loose = QueryFlagParser.Parse("Documentary expedition -  ghosts in the forest  -cinematic style -ar 9:16 - motion 2 - GS 24");
        Assert.Equal("9:16", loose.AspectRatio);
        Assert.Equal(2, loose.Motion);
        Assert.Equal(24, loose.GuidanceScale);
        Assert.Equal(["cinematic"], loose.Other.Keys);
        Assert.Equal("style", loose.Other["cinematic"]);
    }

    [Fact]
    public void Keeps_unknown_flags_and_non_numeric_values_as_written()
    {
        var parameters = QueryFlagParser.Parse(
            "The founder of Turkey, the great leader Mustafa Kemal Atat&#252;rk, raising the Turkish flag in his hand -motion 2 fps-16 -zoom in");
        Assert.Equal(2, parameters.Motion);
        Assert.Null(parameters.Fps);
        Assert.Equal("in", parameters.Other["zoom"]);

        var guidanceText = QueryFlagParser.Parse(
            "a young handsome Jon Hamm sports a super long beard  -ar 16:9 -motion 1 -fps 24 -cam zoom out  -neg “ background, other people” -guidance “color 8k video, in focus, well lit, full body,  look into camera");
        Assert.Equal("zoom out", guidanceText.Camera);
        Assert.Equal("background, other people", guidanceText.NegativePrompt);
        Assert.Null(guidanceText.GuidanceScale);
        Assert.StartsWith("“color 8k video", guidanceText.Other["guidance"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_midjourney_no_and_version_flags()
    {
        var parameters = QueryFlagParser.Parse("green leaves grow in the dark long hair. --no face --ar 9:16");
        Assert.Equal("face", parameters.NegativePrompt);
        Assert.Equal("9:16", parameters.AspectRatio);

        var version = QueryFlagParser.Parse("a virtual and colorful fire animation made of pixels, hyper real, --v 5.2, --16:9");
        // "--16:9" has no name, so it is not a flag: it stays in the text of the flag before it.
        Assert.Equal("5.2, --16:9", version.Other["v"]);
        Assert.Null(version.AspectRatio);
    }

    [Fact]
    public void Reads_64_bit_video_seeds()
    {
        var parameters = QueryFlagParser.Parse(
            "A stop motion android Pierrette performing esoteric magic rituals in a coven with slime-mold fractals by Quay brothers and Tim Burton and Jim Henson, holographic -seed 11630135321069922786");

        Assert.Equal(11630135321069922786UL, parameters.Seed);
    }

    [Fact]
    public void A_query_without_flags_has_no_parameters()
    {
        var parameters = QueryFlagParser.Parse("Battle between wolf and bear");

        Assert.Equal(GenerationParameters.None with { Other = parameters.Other }, parameters);
        Assert.Empty(parameters.Other);
    }

    [Fact]
    public void The_last_of_a_repeated_flag_wins()
    {
        Assert.Equal("9:16", QueryFlagParser.Parse("a city at night -ar 16:9 -ar 9:16").AspectRatio);
    }
}
