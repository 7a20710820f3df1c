using TextDiffusion.Evaluation;

namespace TextDiffusion.Tests.Evaluation;

/// <summary>
/// CIDEr-D against the αNLG evaluation's own scorer (anlg/evaluation/cider/cider_scorer.py, run with Python on these
/// cases; it splits on whitespace, hence tokenize: false).
/// </summary>
public class CiderTests
{
    [Fact]
    public void Matches_the_anlg_scorer_on_a_small_corpus()
    {
        string[] hyps = ["the cat sat on the mat", "a dog ran in the park today", "he went home", "she bought candy for her coworkers"];
        string[][] refs =
        [
            ["the cat is on the mat", "a cat sat on a mat"],
            ["the dog ran in the park", "a dog runs in a park"],
            ["he went to his house and slept", "she walked home"],
            ["donna got new treats for her coworkers"],
        ];
        var scores = Cider.PerExample(hyps, refs, tokenize: false);
        Assert.Equal([3.875000000000001, 4.544666428663863, 1.142445955363189, 2.5928993092799724], scores, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(3.038752923326756, scores.Average(), 12);                          // the reference's corpus score
    }

    [Fact]
    public void Clips_repeated_ngrams_and_damps_a_length_mismatch_as_the_anlg_scorer_does()
    {
        // Repeating a word whose idf is 0 (every example's references hold "the") earns nothing; a 2-word hypothesis
        // against a 9-word reference is damped by exp(−7²/72); an exact copy of its only reference scores 10·(3/4) on
        // three words (no 4-gram).
        string[] hyps = ["the the the the the", "a dog", "the cat sat"];
        string[][] refs = [["the cat sat", "a dog"], ["a dog barked loudly at the mailman this morning", "the dog"], ["the cat sat"]];
        Assert.Equal([0.0, 1.1032292169131082, 7.499999999999999], Cider.PerExample(hyps, refs, tokenize: false), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Splits_punctuation_off_both_sides_before_counting()
    {
        // Reference values from the αNLG scorer on the 13a-tokenised strings ("He went home ." …).
        string[] hyps = ["He went home .", "She ran ."];
        string[][] refs = [["He went home."], ["She walked to school."]];
        Assert.Equal([10.0, 0.8361179439894988], Cider.PerExample(hyps, refs), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.NotEqual(10.0, Cider.PerExample(hyps, refs, tokenize: false)[0], 6);   // whitespace alone leaves "home." ≠ "home"
    }

    [Fact]
    public void Rejects_mismatched_or_empty_references()
    {
        Assert.Throws<ArgumentException>(() => Cider.PerExample(["a"], [["a"], ["b"]]));
        Assert.Throws<ArgumentException>(() => Cider.PerExample(["a"], [[]]));
    }
}
