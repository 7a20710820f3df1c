using TextDiffusion.Data;

namespace TextDiffusion.Syntax;

/// <summary>
/// How closely <see cref="PosTagger"/> reproduces the gold UPOS tags of Diffusion-LM's POS targets (spaCy's
/// coarse tags): every target's words (<see cref="PosTarget.Content"/>: START, END and whitespace tokens
/// dropped) are tagged as one sentence and compared word by word.
/// </summary>
public static class PosAgreement
{
    /// <summary>
    /// Tags each target's words and compares. With <paramref name="lowercase"/> the words are lower-cased
    /// first, as Diffusion-LM's E2E vocabulary (and so its generated text) is: capitalisation, the main clue to
    /// proper nouns, is then gone.
    /// </summary>
    public static PosAgreementReport Measure(PosTagger tagger, IEnumerable<PosTarget> targets, bool lowercase = false)
    {
        int sentences = 0, words = 0, agreed = 0;
        var gold = new Dictionary<string, int>();
        var predicted = new Dictionary<string, int>();
        var correct = new Dictionary<string, int>();
        var confusions = new Dictionary<(string Gold, string Predicted), List<string>>();
        foreach (var target in targets)
        {
            var content = target.Content;
            if (content.Count == 0) continue;
            var tokens = content.Select(p => lowercase ? p.Word.ToLowerInvariant() : p.Word).ToList();
            var tags = tagger.TagUpos(tokens);
            sentences++;
            for (int i = 0; i < content.Count; i++)
            {
                string g = content[i].Tag, p = tags[i];
                words++;
                gold[g] = gold.GetValueOrDefault(g) + 1;
                predicted[p] = predicted.GetValueOrDefault(p) + 1;
                if (g == p)
                {
                    agreed++;
                    correct[g] = correct.GetValueOrDefault(g) + 1;
                }
                else
                {
                    if (!confusions.TryGetValue((g, p), out var list)) confusions[(g, p)] = list = [];
                    list.Add(tokens[i]);
                }
            }
        }
        var perTag = gold.Keys.Union(predicted.Keys)
            .Select(t => new TagAgreement(t, gold.GetValueOrDefault(t), predicted.GetValueOrDefault(t), correct.GetValueOrDefault(t)))
            .OrderByDescending(t => t.Gold).ThenBy(t => t.Tag, StringComparer.Ordinal).ToList();
        var confusionList = confusions
            .Select(kv => new TagConfusion(kv.Key.Gold, kv.Key.Predicted, kv.Value.Count,
                kv.Value.GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Take(5).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key).ToList()))
            .OrderByDescending(k => k.Count).ThenBy(k => k.Gold, StringComparer.Ordinal).ThenBy(k => k.Predicted, StringComparer.Ordinal)
            .ToList();
        return new PosAgreementReport(sentences, words, agreed, lowercase, perTag, confusionList);
    }
}
