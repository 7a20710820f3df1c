namespace TextDiffusion.Syntax;

/// <summary>Settings of <see cref="LinkGrammarParser"/> (link-grammar's parse options).</summary>
/// <param name="LinkageLimit">Linkages link-grammar enumerates and ranks; the best-ranked one is used.</param>
/// <param name="DisjunctCost">Maximum disjunct cost (link-grammar's default for English is 2.7).</param>
/// <param name="MaxParseTimeSeconds">Time limit (null: none) of each link-grammar pass of a timed parse (every parse but
///   <see cref="LinkGrammarParser.ParseDetailed(IReadOnlyList{string}, bool)"/> with <c>untimed</c>); past it link-grammar gives
///   up and the sentence gets a poorer linkage or the flat tree. The clock restarts for each pass (the retry with null links,
///   each sentence of a split text, each re-parsed piece), so one input can take several times the limit. It is there for generated word
///   salad, whose parse can take minutes (a 45-word smoke-profile output: over 60 s per pass). link-grammar 5.12 measures
///   the CPU time of the whole process (<c>getrusage(RUSAGE_SELF)</c>), so another busy thread makes it expire sooner and a
///   parse near the limit depends on the machine's load: with one busy thread, a 40-word E2E training sentence that parses
///   in about 9 s alone came out flat. Sentences that models learn from are therefore parsed with
///   <see cref="LinkGrammarParser.ParseDetailed(IReadOnlyList{string}, bool)"/>'s <c>untimed</c>: every E2E training and
///   held-out sentence parses in at most about 9 s on 2 cores.</param>
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
    int? MaxParseTimeSeconds = 10,
    bool AllowNullLinks = true,
    bool IslandsOk = false,
    bool SplitSentences = true,
    string Language = "en");
