namespace Vpo.Training.Evaluation.Checks;

/// <summary>
/// The automatic (no LLM) checks of a video prompt against its query and the VPO principles: content-word
/// coverage, <c>-neg</c> compliance, unsafe terms, length, one paragraph, no introductory phrase, no loops,
/// no refusal, English. Thread-safe; one instance serves a whole run.
/// </summary>
public sealed class PrincipleChecker
{
    private static readonly FailureKind[] Severity =
    [
        FailureKind.Empty, FailureKind.Refusal, FailureKind.Unsafe, FailureKind.Imprecise, FailureKind.NonEnglish,
        FailureKind.MultiParagraph, FailureKind.IntroPhrase, FailureKind.Repetitive, FailureKind.TooShort, FailureKind.TooLong,
    ];

    private readonly UnsafeLexicon _lexicon;

    /// <summary>A checker with the given thresholds (validated here) and lexicon (default: the shipped one).</summary>
    /// <exception cref="System.ComponentModel.DataAnnotations.ValidationException">A threshold is invalid.</exception>
    public PrincipleChecker(PrincipleCheckOptions? options = null, UnsafeLexicon? lexicon = null)
    {
        Options = options ?? PrincipleCheckOptions.Default;
        Options.ValidateOrThrow();
        _lexicon = lexicon ?? UnsafeLexicon.Default;
    }

    /// <summary>The thresholds in force.</summary>
    public PrincipleCheckOptions Options { get; }

    /// <summary>Checks a prompt against the raw query it was written for.</summary>
    public PrincipleReport Check(string query, string output)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(output);
        var parsed = QueryFlagParser.Parse(query);
        var queryTokens = WordTokenizer.Tokenize(parsed.Body);
        var queryStems = queryTokens.Select(WordStemmer.Stem).ToList();
        var queryUnsafe = _lexicon.Find(queryTokens, queryStems);
        var querySafety = UnsafeQueryDetector.Label(queryUnsafe.Select(hit => hit.Match).ToList());

        var text = TextNormalizer.Normalize(output).Trim();
        var tokens = WordTokenizer.Tokenize(text);
        var stems = tokens.Select(WordStemmer.Stem).ToList();

        var contentWords = SelectContentWords(queryTokens, queryUnsafe);
        var queryIsEnglish = LanguageGuess.IsEnglish(parsed.Body, queryTokens, Options.MaxNonLatinLetterShare);
        var missing = FindMissing(contentWords, tokens);
        double? coverage = queryIsEnglish && contentWords.Count > 0
            ? 1.0 - ((double)missing.Count / contentWords.Count)
            : null;

        var violated = FindViolatedNegativeItems(parsed.NegativeItems, stems);
        var outputUnsafe = _lexicon.Find(tokens, stems).Select(hit => hit.Match).ToList();
        var wordCount = WordTokenizer.CountWords(text);
        var paragraphs = text.Split('\n').Count(line => !string.IsNullOrWhiteSpace(line));
        var intro = IntroPhraseDetector.Find(text);
        var refusal = RefusalDetector.Find(text);
        var distinct1 = RepetitionMeasure.DistinctN(tokens, 1);
        var distinct2 = RepetitionMeasure.DistinctN(tokens, 2);
        var isEnglish = LanguageGuess.IsEnglish(text, tokens, Options.MaxNonLatinLetterShare);

        var failures = new HashSet<FailureKind>();
        if (tokens.Count == 0)
        {
            failures.Add(FailureKind.Empty);
        }
        else
        {
            if (refusal is not null)
            {
                failures.Add(FailureKind.Refusal);
            }

            if (outputUnsafe.Count > 0)
            {
                failures.Add(FailureKind.Unsafe);
            }

            if (coverage < Options.MinCoverage || violated.Count > 0)
            {
                failures.Add(FailureKind.Imprecise);
            }

            if (!isEnglish)
            {
                failures.Add(FailureKind.NonEnglish);
            }

            if (paragraphs > 1)
            {
                failures.Add(FailureKind.MultiParagraph);
            }

            if (intro is not null)
            {
                failures.Add(FailureKind.IntroPhrase);
            }

            if (distinct2 < Options.MinDistinct2)
            {
                failures.Add(FailureKind.Repetitive);
            }

            if (wordCount < Options.MinWords)
            {
                failures.Add(FailureKind.TooShort);
            }

            if (wordCount > Options.MaxWords)
            {
                failures.Add(FailureKind.TooLong);
            }
        }

        var ordered = Severity.Where(failures.Contains).ToList();
        return new PrincipleReport
        {
            QueryBody = parsed.Body,
            Output = output,
            Kind = ordered.Count > 0 ? ordered[0] : FailureKind.Aligned,
            Failures = ordered,
            ContentWords = contentWords.Select(w => w.Surface).ToList(),
            MissingWords = missing,
            Coverage = coverage,
            NegativeItems = parsed.NegativeItems,
            ViolatedNegativeItems = violated,
            Constraints = parsed.Constraints,
            QuerySafety = querySafety,
            UnsafeTermsInOutput = outputUnsafe,
            WordCount = wordCount,
            ParagraphCount = paragraphs,
            IntroPhrase = intro,
            RefusalPhrase = refusal,
            Distinct1 = distinct1,
            Distinct2 = distinct2,
            IsEnglish = isEnglish,
        };
    }

    private readonly record struct ContentWord(string Surface, string Canonical);

    // Words that are part of an unsafe term are the ones rule 2 lets a prompt drop ("except for safety issues").
    private static List<ContentWord> SelectContentWords(
        IReadOnlyList<string> tokens, IReadOnlyList<(int Start, int Length, UnsafeTermMatch Match)> unsafeHits)
    {
        var excluded = new HashSet<int>();
        foreach (var (start, length, _) in unsafeHits)
        {
            for (var i = start; i < start + length; i++)
            {
                excluded.Add(i);
            }
        }

        var words = new List<ContentWord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (excluded.Contains(i) || !ContentWords.IsContent(tokens[i]))
            {
                continue;
            }

            var canonical = ContentWords.Canonical(tokens[i]);
            if (seen.Add(canonical))
            {
                words.Add(new ContentWord(tokens[i], canonical));
            }
        }

        return words;
    }

    private List<string> FindMissing(List<ContentWord> contentWords, IReadOnlyList<string> outputTokens)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var joined = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < outputTokens.Count; i++)
        {
            present.Add(ContentWords.Canonical(outputTokens[i]));
            if (i + 1 < outputTokens.Count)
            {
                // "spider man" in the prompt keeps "spiderman" of the query (compared unstemmed: stemming
                // every pair of words would cost more than all the other checks together).
                joined.Add(outputTokens[i] + outputTokens[i + 1]);
            }
        }

        var missing = new List<string>();
        foreach (var word in contentWords)
        {
            if (present.Contains(word.Canonical) || joined.Contains(word.Surface))
            {
                continue;
            }

            // Real queries are full of typos ("brreathing"); a prompt that fixes one still keeps the word.
            var fixedTypo = word.Canonical.Length >= Options.MinFuzzyStemLength
                && present.Any(p => p.Length >= Options.MinFuzzyStemLength - 1 && ContentWords.WithinOneEdit(word.Canonical, p));
            if (!fixedTypo)
            {
                missing.Add(word.Surface);
            }
        }

        return missing;
    }

    // Any mention counts, "no blur" included: text encoders of video models tend to render what is named.
    private static List<string> FindViolatedNegativeItems(IReadOnlyList<string> items, IReadOnlyList<string> outputStems)
    {
        var index = new StemmedPhraseIndex<string>();
        foreach (var item in items)
        {
            var itemTokens = WordTokenizer.Tokenize(item);
            if (itemTokens.Any(ContentWords.IsContent))
            {
                index.Add(item, item);
            }
        }

        return index.Count == 0
            ? []
            : index.FindAll(outputStems).Select(hit => hit.Payload).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
