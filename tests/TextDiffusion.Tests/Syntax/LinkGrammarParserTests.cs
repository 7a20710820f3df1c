using System.Diagnostics;
using TextDiffusion.Data;
using TextDiffusion.Syntax;
using Xunit.Abstractions;

namespace TextDiffusion.Tests.Syntax;

public class LinkGrammarParserTests(ITestOutputHelper output)
{
    [OracleFact(Oracle.LinkGrammar)]
    public void Real_e2e_sentences_parse_to_trees_over_the_input_words()
    {
        using var parser = new LinkGrammarParser();
        string[] sentences =
        [
            "the punter is a coffee shop near café sicilia .",
            "zizzi is a local coffee shop located on the outskirts of the city .",
            "loch fyne , which is near the rice boat in riverside , serves french food and has a customer rating of 5 out of 5 .",
        ];
        foreach (var s in sentences)
        {
            var words = s.Split(' ');
            var result = parser.ParseDetailed(words);
            output.WriteLine($"{result.Tree}\n  raw: {result.RawTree}\n  nulls: {result.NullCount}");
            Assert.False(result.IsFallback, result.FallbackReason);
            Assert.Equal(words, result.Tree.Leaves);
            Assert.Equal("S", result.Tree.Label);
            Assert.True(result.Tree.Brackets().Count > 2);
        }
        var punter = parser.Parse(sentences[0]);
        Assert.Contains(new LabeledSpan("NP", 0, 1), punter.Brackets());  // "the punter"
    }

    [OracleFact(Oracle.LinkGrammar)]
    public void Unknown_words_null_links_and_odd_tokens_keep_the_input_words()
    {
        using var parser = new LinkGrammarParser();
        string[] cases =
        [
            "the the the coffee shop restaurant near .",                   // no complete linkage: null links
            "fitzbillies qwzx serves 20-25 £ food ( cheap ) isn't it ?",   // unknown words, parentheses, contraction
            "near",
            "., ; : - --",
        ];
        foreach (var s in cases)
        {
            var words = s.Split(' ');
            var result = parser.ParseDetailed(words);
            output.WriteLine($"{result.Tree}  nulls={result.NullCount} fallback={result.FallbackReason}");
            Assert.Equal(words, result.Tree.Leaves);
        }
        Assert.True(parser.ParseDetailed(cases[0].Split(' ')).NullCount > 0);
        Assert.Throws<ArgumentException>(() => parser.Parse(Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => parser.Parse(["a b"]));
    }

    [OracleFact(Oracle.LinkGrammar)]
    public void One_parser_is_shared_by_threads_and_disposes_cleanly()
    {
        var parser = new LinkGrammarParser();
        string[] words = "the rice boat is a cheap pub in the city centre .".Split(' ');
        var expected = parser.Parse(words);
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ => Assert.Equal(expected, parser.Parse(words)));
        parser.Dispose();
        parser.Dispose();
        Assert.Throws<ObjectDisposedException>(() => parser.Parse(words));
    }

    // E2E training sentence 542: about 9 s alone on 2 cores. link-grammar counts the whole process's CPU time, so with the
    // 10 s limit and one busy thread beside the parse it came out flat, and the control baselines' vocabulary moved.
    [OracleFact(Oracle.LinkGrammar)]
    public void An_untimed_parse_of_a_slow_sentence_is_complete_however_busy_the_process_is()
    {
        string[] words = ("The riverside is an average place to eat , yes it is child friendly and is located on the riverside near " +
                          "Crowne Plaza Hotel with English food and it is called Browns Cambridge also it is a coffee shop .").Split(' ');
        using var parser = new LinkGrammarParser(new LinkGrammarOptions { MaxParseTimeSeconds = 1 });
        bool stop = false;
        var busy = new Thread(() => { double x = 0; while (!Volatile.Read(ref stop)) x += Math.Sqrt(x + 1); });
        busy.Start();
        var clock = Stopwatch.StartNew();
        LinkGrammarResult timed, untimed, timedAgain;
        try
        {
            timed = parser.ParseDetailed(words);
            untimed = parser.ParseDetailed(words, untimed: true);
            timedAgain = parser.ParseDetailed(words);
        }
        finally { Volatile.Write(ref stop, true); busy.Join(); }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s beside a busy thread: {untimed.Tree}");
        Assert.Equal("(S (S (NP The riverside) (VP is (ADVP an average place (S (VP to (VP eat)))))) , (S (VP yes it is child friendly and is " +
                     "located (PP on (NP the riverside)) (PP near (NP (NP Crowne Plaza Hotel) (PP with English food))) and it is called (NP Browns))) " +
                     "Cambridge also (S (NP it) (VP is (NP a coffee shop))) .)", untimed.Tree.ToString());
        Assert.NotEqual(untimed.Tree, timed.Tree);        // past its 1 s limit the timed parse gave up,
        Assert.NotEqual(untimed.Tree, timedAgain.Tree);   // and after the untimed parse the limit holds again
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinkGrammarParser(new LinkGrammarOptions { MaxParseTimeSeconds = 0 }));
    }

    [OracleFact(Oracle.LinkGrammar, needsSharedData: true)]
    public void Span_target_sentences_all_parse_and_time_is_reported()
    {
        var targets = E2eControlLoader.ReadSpanTargets(DataPaths.Resolve(DatasetFiles.E2eControl.Spans)).ToList();
        using var parser = new LinkGrammarParser();
        int fallbacks = 0, withNulls = 0, satisfied = 0;
        var clock = Stopwatch.StartNew();
        foreach (var target in targets)
        {
            var words = target.SentenceWords.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.ToLowerInvariant()).ToList();
            var result = parser.ParseDetailed(words);
            Assert.Equal(words, result.Tree.Leaves);
            if (result.IsFallback) fallbacks++;
            if (result.NullCount > 0) withNulls++;
            var span = TextDiffusion.Evaluation.SpanMatch.WithoutWhitespaceTokens(target, target.Spans[0]);
            if (TextDiffusion.Evaluation.SpanMatch.IsSatisfied(result.Tree, span)) satisfied++;
        }
        double ms = clock.Elapsed.TotalMilliseconds / targets.Count;
        output.WriteLine($"{targets.Count} sentences: {ms:F1} ms/sentence, {withNulls} with null links, {fallbacks} flat fallbacks; " +
                         $"link-grammar reproduces {satisfied} of the {targets.Count} gold (benepar) target spans on the target sentences");
        Assert.True(fallbacks <= targets.Count / 20, $"{fallbacks} fallbacks");
    }
}
