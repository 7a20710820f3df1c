namespace TextDiffusion.Syntax;

/// <summary>Settings of <see cref="LinkGrammarParser"/> (link-grammar's parse options).</summary>
/// <param name="LinkageLimit">Linkages link-grammar enumerates and ranks; the best-ranked one is used.</param>
/// <param name="DisjunctCost">Maximum disjunct cost (link-grammar's default for English is 2.7).</param>
/// <param name="MaxParseTimeSeconds">Per-sentence time limit; past it link-grammar returns what it has.</param>
/// <param name="AllowNullLinks">When no complete linkage exists, parse again letting words stay unlinked
///   (null links, shown as <c>{word}</c> leaves), as the link-parser program does.</param>
/// <param name="IslandsOk">Accept linkages made of several unconnected islands.</param>
/// <param name="SplitSentences">Parse each sentence of a multi-sentence text (cut after ".", "!", "?") on
///   its own and put the sentence trees under one S. link-grammar's constituent printer drops parts of long
///   multi-sentence linkages, and parse time grows with the cube of the length.</param>
/// <param name="Language">Dictionary language.</param>
public sealed record LinkGrammarOptions(
    int LinkageLimit = 100,
    double DisjunctCost = 2.7,
    int MaxParseTimeSeconds = 10,
    bool AllowNullLinks = true,
    bool IslandsOk = false,
    bool SplitSentences = true,
    string Language = "en");
