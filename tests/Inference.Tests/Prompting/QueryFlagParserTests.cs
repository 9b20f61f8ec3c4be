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
            "Kame House with Master Roshi and his turtle, peaceful ocean in the background, 4K -gs 15 -neg &quot;desert&quot; -ar 1:1 -seed 2005 -motion 1").Generation;

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
        var parameters = QueryFlagParser.Parse("men in gas masks, lab, 1970s retro look  -gs24 -motion 4 -fps 24  - camera zoom in -ar 16:9").Generation;

        Assert.Equal(24, parameters.GuidanceScale);
        Assert.Equal(4, parameters.Motion);
        Assert.Equal(24, parameters.Fps);
        Assert.Equal("zoom in", parameters.Camera);
        Assert.Equal("16:9", parameters.AspectRatio);
    }

    [Fact]
    public void Accepts_double_dashes_en_dashes_and_upper_case_names()
    {
        Assert.Equal(3, QueryFlagParser.Parse("hoard of zombies running towards camera -- motion 3 --ar 16:9").Generation.Motion);
        Assert.Equal("16:9", QueryFlagParser.Parse("hoard of zombies running towards camera -- motion 3 --ar 16:9").Generation.AspectRatio);
        Assert.Equal(4, QueryFlagParser.Parse(
            "The back upper body of a woman opening the front door. In one hand, she is holding a leather handbag. The background is the entrance. -ar 16:9 –motion 4").Generation.Motion);

        var shouted = QueryFlagParser.Parse(
            "cinematic film, Establishing jib shot of a girl in white cloth, view from the back, a Victorian mansion in the distance, with stairs leading to the door of the mansion, forest in the background, the girl is standig still, watching up to the mansion, wind is blowing through her hair and cloth, in the night, fog, moon light, horror lighting, mystery film  -NEG moving -MOTION 3   -AS 16:9   -CAMERA PAN UP").Generation;
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
            "High Angle Shot, daytime, a woman with yellow hair, clean face, futuristic blue rubber clothes with details, woman walking forward in a futuristic metropolis, distant people, Holographic 3D Style -neg “change, deform, distort, rays light, beam light, smoke, big people” -motion 1 -gs 12 -fps 24 v 0.7 -hide").Generation;

        Assert.Equal("change, deform, distort, rays light, beam light, smoke, big people", parameters.NegativePrompt);
        Assert.Equal(1, parameters.Motion);
        Assert.Equal(12, parameters.GuidanceScale);
        Assert.Equal(24, parameters.Fps);
        Assert.Equal(string.Empty, parameters.Other["hide"]);
    }

    [Fact]
    public void Ends_a_value_at_a_line_break_flag_and_drops_trailing_punctuation()
    {
        var parameters = QueryFlagParser.Parse("highly detailed timelapse of sun settings at peaceful tropical beach.\n-ar 9:16 -neg drawing, low quality.").Generation;

        Assert.Equal("9:16", parameters.AspectRatio);
        Assert.Equal("drawing, low quality", parameters.NegativePrompt);
    }

    [Fact]
    public void Does_not_take_hyphenated_words_or_loose_dashes_for_flags()
    {
        var hyphenated = QueryFlagParser.Parse(
            "1970&#39;s wes anderson style sci-fi woman in retro space suit and helmet sitting on floor in mid century modern living room talking into microphone with 10 retro radios behind her 1970&#39;s hyper realistic photo vibrant colorful -ar 16:9 -motion 2").Generation;
        Assert.Equal("16:9", hyphenated.AspectRatio);
        Assert.Equal(2, hyphenated.Motion);
        Assert.Empty(hyphenated.Other);

        var loose = QueryFlagParser.Parse("Documentary expedition -  ghosts in the forest  -cinematic style -ar 9:16 - motion 2 - GS 24").Generation;
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
            "The founder of Turkey, the great leader Mustafa Kemal Atat&#252;rk, raising the Turkish flag in his hand -motion 2 fps-16 -zoom in").Generation;
        Assert.Equal(2, parameters.Motion);
        Assert.Null(parameters.Fps);
        Assert.Equal("in", parameters.Other["zoom"]);

        var guidanceText = QueryFlagParser.Parse(
            "a young handsome Jon Hamm sports a super long beard  -ar 16:9 -motion 1 -fps 24 -cam zoom out  -neg “ background, other people” -guidance “color 8k video, in focus, well lit, full body,  look into camera").Generation;
        Assert.Equal("zoom out", guidanceText.Camera);
        Assert.Equal("background, other people", guidanceText.NegativePrompt);
        Assert.Null(guidanceText.GuidanceScale);
        Assert.StartsWith("“color 8k video", guidanceText.Other["guidance"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_midjourney_no_and_version_flags()
    {
        var parameters = QueryFlagParser.Parse("green leaves grow in the dark long hair. --no face --ar 9:16").Generation;
        Assert.Equal("face", parameters.NegativePrompt);
        Assert.Equal("9:16", parameters.AspectRatio);

        var version = QueryFlagParser.Parse("a virtual and colorful fire animation made of pixels, hyper real, --v 5.2, --16:9").Generation;
        // "--16:9" has no name, so it is not a flag: it stays in the text of the flag before it.
        Assert.Equal("5.2, --16:9", version.Other["v"]);
        Assert.Null(version.AspectRatio);
    }

    [Fact]
    public void Reads_64_bit_video_seeds()
    {
        var parameters = QueryFlagParser.Parse(
            "A stop motion android Pierrette performing esoteric magic rituals in a coven with slime-mold fractals by Quay brothers and Tim Burton and Jim Henson, holographic -seed 11630135321069922786").Generation;

        Assert.Equal(11630135321069922786UL, parameters.Seed);
    }

    [Fact]
    public void A_query_without_flags_has_no_parameters()
    {
        var parameters = QueryFlagParser.Parse("Battle between wolf and bear").Generation;

        Assert.Equal(GenerationParameters.None with { Other = parameters.Other }, parameters);
        Assert.Empty(parameters.Other);
    }

    [Fact]
    public void The_last_of_a_repeated_flag_wins()
    {
        Assert.Equal("9:16", QueryFlagParser.Parse("a city at night -ar 16:9 -ar 9:16").Generation.AspectRatio);
    }

    [Fact]
    public void Format_flags_are_removed_and_the_text_kept()
    {
        var parsed = QueryFlagParser.Parse("a red fox in the snow -ar 16:9 -fps 24 -seed 42 -motion 4 -gs 24");

        Assert.Equal("a red fox in the snow", parsed.Body);
        Assert.Equal(["ar", "fps", "seed", "motion", "gs"], parsed.Flags.Select(f => f.Name));
        Assert.Equal(["16:9", "24", "42", "4", "24"], parsed.Flags.Select(f => f.Value));
        Assert.All(parsed.Flags, f => Assert.Equal(QueryFlagKind.Format, f.Kind));
    }

    [Fact]
    public void Double_dashes_glued_numbers_and_flags_glued_to_a_word_are_flags()
    {
        var parsed = QueryFlagParser.Parse("battle in jerusalem-fps24, -motion4, -gs22, -ar16:9 --v 5.2 --style raw --16:9");

        Assert.Equal("battle in jerusalem", parsed.Body);
        Assert.Equal(["fps", "motion", "gs", "ar", "v", "style", "ar"], parsed.Flags.Select(f => f.Name));
        Assert.Equal("raw", parsed.Flags.Single(f => f.Name == "style").Value);
    }

    [Fact]
    public void Flags_glued_to_the_number_of_the_flag_before_are_flags()
    {
        var parsed = QueryFlagParser.Parse("friends in a boat, - motion 2--camera zoom in, spies laughing -gs15-motion -2");

        Assert.Equal(["motion", "camera", "gs", "motion"], parsed.Flags.Select(f => f.Name));
        Assert.Equal("friends in a boat", parsed.Body);
    }

    [Fact]
    public void Hyphenated_words_are_not_flags()
    {
        var parsed = QueryFlagParser.Parse("spider-man plays hide-and-seek in a sci-fi city at well-lit night near a 2-story house");

        Assert.Empty(parsed.Flags);
        Assert.Equal("spider-man plays hide-and-seek in a sci-fi city at well-lit night near a 2-story house", parsed.Body);
    }

    [Fact]
    public void Neg_items_are_split_at_commas_and_unquoted_after_decoding_entities()
    {
        var parsed = QueryFlagParser.Parse("dancers on mars --neg &quot;weird, sexy, erotic&quot; --ar 21:11");

        Assert.Equal("dancers on mars", parsed.Body);
        Assert.Equal(["weird", "sexy", "erotic"], parsed.NegativeItems);
    }

    [Fact]
    public void Repeated_neg_flags_and_no_flags_all_collect_items()
    {
        var parsed = QueryFlagParser.Parse("aurora in the sky -neg low quality, -neg, blurry, -neg stars --no people");

        Assert.Equal(["low quality", "blurry", "stars", "people"], parsed.NegativeItems);
        Assert.Equal("aurora in the sky", parsed.Body);
    }

    [Fact]
    public void Camera_and_other_constraints_run_to_the_next_flag()
    {
        var parsed = QueryFlagParser.Parse("a lighthouse in a storm -camera zoom in -motion 4 -cinematic");

        Assert.Equal("a lighthouse in a storm", parsed.Body);
        Assert.Equal(["camera zoom in", "cinematic"], parsed.Constraints);
        Assert.Equal(QueryFlagKind.Format, parsed.Flags.Single(f => f.Name == "motion").Kind);
    }

    [Fact]
    public void Html_entities_are_decoded_before_flags_are_read()
    {
        var parsed = QueryFlagParser.Parse("It&#39;s night and dark. -ar&#160;16:9&#160;-motion&#160;4");

        Assert.Equal("It's night and dark.", parsed.Body);
        Assert.Equal(["ar", "motion"], parsed.Flags.Select(f => f.Name));
    }

    [Fact]
    public void Undashed_format_settings_ratios_and_durations_are_format_requirements()
    {
        var parsed = QueryFlagParser.Parse("man and his dog on the street.seed5277716590725521818 gs 24 in 16:9, a 10 seconds duration clip");

        Assert.Equal("man and his dog on the street. in, a clip", parsed.Body);
        Assert.Equal(["seed", "gs", "ar", "duration"], parsed.Flags.Select(f => f.Name));
    }

    [Fact]
    public void Flags_glued_to_a_word_or_written_without_a_dash_set_the_video_settings_too()
    {
        var parsed = QueryFlagParser.Parse("battle in jerusalem-fps24 gs 20 motion 4 -gs15-motion -2 neg \"anime, lens flare\" seed5277716590725521818");

        Assert.Equal(24, parsed.Generation.Fps);
        Assert.Equal(-2, parsed.Generation.Motion);
        Assert.Equal(15, parsed.Generation.GuidanceScale);
        Assert.Equal("anime, lens flare", parsed.Generation.NegativePrompt);
        Assert.Equal(5277716590725521818UL, parsed.Generation.Seed);
        Assert.Equal("battle in jerusalem", parsed.Body);
    }

    [Fact]
    public void Hyphenated_words_ending_in_a_format_name_are_not_flags()
    {
        var parsed = QueryFlagParser.Parse("Disney-style 3D animation in high-quality 8K, a 1940-style video at 24-fps");

        Assert.Empty(parsed.Flags);
        Assert.Empty(parsed.Generation.Other);
        Assert.Equal("Disney-style 3D animation in high-quality 8K, a 1940-style video at 24-fps", parsed.Body);
    }
}
