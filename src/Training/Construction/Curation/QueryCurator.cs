using System.Diagnostics;

namespace Vpo.Training.Construction.Curation;

/// <summary>
/// Curates user queries: the rule-based filters (length, special characters, keywords; the first rule that removes
/// a query is credited), then diversity filtering by self-BLEU against the kept set, in input order.
/// </summary>
public static class QueryCurator
{
    private const int ExamplesPerStep = 5;

    /// <summary>The rules, in the order they are applied.</summary>
    public static IReadOnlyList<IQueryRule> Rules(CurationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return
        [
            new LengthRule(settings.MinWords, settings.MaxWords, settings.MaxCharacters),
            new SpecialCharacterRule(settings.MaxSpecialShare),
            settings.Keywords is null ? KeywordRule.Default : new KeywordRule(settings.Keywords),
        ];
    }

    /// <summary>The kept raw queries, in input order, and the report.</summary>
    public static (IReadOnlyList<string> Kept, CurationReport Report) Curate(IReadOnlyList<string> queries, CurationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var total = Stopwatch.StartNew();
        var rules = Rules(settings);
        var removed = rules.ToDictionary(r => r.Name, _ => 0);
        var examples = rules.ToDictionary(r => r.Name, _ => new List<RemovedQuery>());
        var passed = new List<QueryView>(queries.Count);
        var watch = Stopwatch.StartNew();
        foreach (var raw in queries)
        {
            var view = QueryView.Of(raw);
            var rejected = false;
            foreach (var rule in rules)
            {
                if (rule.Reject(view) is { } reason)
                {
                    removed[rule.Name]++;
                    if (examples[rule.Name].Count < ExamplesPerStep)
                    {
                        examples[rule.Name].Add(new RemovedQuery(raw, reason));
                    }

                    rejected = true;
                    break;
                }
            }

            if (!rejected)
            {
                passed.Add(view);
            }
        }

        var rulesSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var filter = new SelfBleuFilter(settings.SelfBleuThreshold);
        var kept = new List<QueryView>(passed.Count);
        var near = new List<NearDuplicate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int dropped = 0, exact = 0;
        foreach (var view in passed)
        {
            var decision = filter.Offer(BleuTokenizer.Tokenize(view.Body));
            if (decision.Kept)
            {
                kept.Add(view);
                seen.Add(view.Body);
                continue;
            }

            dropped++;
            if (seen.Contains(view.Body))
            {
                exact++;
            }
            else if (near.Count < ExamplesPerStep)
            {
                near.Add(new NearDuplicate(view.Raw, kept[decision.SimilarTo].Raw, Math.Round(decision.Bleu, 4)));
            }
        }

        var diversitySeconds = watch.Elapsed.TotalSeconds;
        var report = new CurationReport(
            queries.Count,
            rules.Select(r => new RuleCount(r.Name, r.Description, removed[r.Name], examples[r.Name])).ToList(),
            new DiversityCount(settings.SelfBleuThreshold, dropped, exact, filter.Comparisons, near),
            kept.Count,
            new Dictionary<string, double>
            {
                ["rules"] = Math.Round(rulesSeconds, 3),
                ["diversity"] = Math.Round(diversitySeconds, 3),
                ["total"] = Math.Round(total.Elapsed.TotalSeconds, 3),
            });
        return (kept.Select(v => v.Raw).ToList(), report);
    }
}
