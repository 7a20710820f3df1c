using TextDiffusion.Control;
using TextDiffusion.Data;
using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;

namespace TextDiffusion.Tests.Control;

[Collection(GlobalRandomStateCollection.Name)]
public class BaselineDecodingTests
{
    static readonly string[] Sentences = ["the cafe is near the river .", "a pub serves cheap food .", "the shop is family friendly ."];
    static readonly ControlTarget[] Controls = [new LengthControl(4), new PosControl(["DET", "NOUN"]), new LengthControl(7)];

    static PromptedCorpus Corpus() => PromptedCorpus.Build(Sentences, Controls, maxLength: 24, minCount: 1);

    static TransformerLMConfig Config(PromptedCorpus corpus) => new(corpus.VocabSize, corpus.MaxLength, ModelDim: 16, Layers: 1, Heads: 2, FeedForwardDim: 32, Dropout: 0);

    [Fact]
    public void PromptedRowsAreBosPromptSeparatorSentenceEos()
    {
        var corpus = Corpus();
        var row = corpus.Row(new LengthControl(4), "a pub .");
        Assert.Equal("<length> 4 <sep> a pub .", corpus.Tokenizer.Decode(row.Select(i => (int)i), skipSpecial: true));
        Assert.Equal(SpecialTokens.Bos, row[0]);
        Assert.Equal(corpus.SeparatorId, row[3]);
        Assert.Equal(SpecialTokens.Eos, row[7]);
        Assert.Equal(corpus.MaxLength, row.Length);
        Assert.Equal("a pub .", corpus.DecodeAfterPrompt(row, corpus.Prompt(new LengthControl(4)).Length));
    }

    [Fact]
    public void BatchesAreCutAfterTheLongestRowWithoutChangingEitherLoss()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = Corpus();
        var rows = new[] { corpus.Row(new PosControl(["DET", "NOUN"]), "a pub ."), corpus.Row(null, "the cafe is near the river .") };
        using var batch = corpus.Batch(rows);
        Assert.Equal([2L, 9L], batch.Shape);                                        // BOS + 7 words + EOS
        Assert.Equal(rows[0][..9], batch[0].ToArray<long>());
        using var full = torch.Tensor(rows.SelectMany(r => r).ToArray(), [2, corpus.MaxLength]);

        torch.ManualSeed(3);
        using var lm = new TransformerLM(Config(corpus));
        lm.Eval();
        Assert.Equal(lm.Loss(full).Item(), lm.Loss(batch).Item(), 5);
        using var discriminator = new FudgeDiscriminator(Config(corpus));
        discriminator.Eval();
        using var prompts = torch.Tensor(new long[] { corpus.Prompt(new PosControl(["DET", "NOUN"])).Length, 1 });
        using var success = torch.Tensor(new float[] { 1, 0 });
        Assert.Equal(discriminator.Loss(full, prompts, success).Item(), discriminator.Loss(batch, prompts, success).Item(), 5);
    }

    [Fact]
    public void FineTunedAndFudgeGiveOneSentencePerControlAndRepeatUnderASeed()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = Corpus();
        torch.ManualSeed(11);
        using var lm = new TransformerLM(Config(corpus));
        using var discriminator = new FudgeDiscriminator(Config(corpus));
        List<string> Run(Func<Generator, List<string>> generate) { using var g = new Generator(5); return generate(g); }

        var ft = Run(g => FineTunedControl.Generate(lm, corpus, Controls, g, search: false, maxWords: 6));
        var fudge = Run(g => Fudge.Generate(lm, discriminator, corpus, Controls, g, topK: 3, maxWords: 6));
        Assert.Equal(Controls.Length, ft.Count);
        Assert.Equal(Controls.Length, fudge.Count);
        Assert.All(ft.Concat(fudge), s => Assert.True(s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6, s));
        Assert.Equal(ft, Run(g => FineTunedControl.Generate(lm, corpus, Controls, g, search: false, maxWords: 6)));
        Assert.Equal(fudge, Run(g => Fudge.Generate(lm, discriminator, corpus, Controls, g, topK: 3, maxWords: 6)));
        var greedy = Run(g => FineTunedControl.Generate(lm, corpus, Controls, g, search: true, maxWords: 6));
        Assert.Equal(greedy, Run(g => FineTunedControl.Generate(lm, corpus, Controls, new Generator(99), search: true, maxWords: 6)));
    }

    [Fact]
    public void FudgeAndFineTunedSamplesDrawnTwoAtATimeEqualThoseDrawnOneAfterTheOther()
    {
        // Notebook 02 runs its baselines' generations two at a time (ControlExperiment.RunAll) on shared models.
        var corpus = Corpus();
        torch.ManualSeed(11);
        using var lm = new TransformerLM(Config(corpus));
        using var discriminator = new FudgeDiscriminator(Config(corpus));
        List<string> Job(int i)
        {
            using var scope = torch.NewDisposeScope();
            using var g = new Generator((ulong)(20 + i));
            return (i % 3) switch
            {
                0 => Fudge.Generate(lm, discriminator, corpus, Controls, g, topK: 3, maxWords: 6),
                1 => FineTunedControl.Generate(lm, corpus, Controls, g, search: false, maxWords: 6),
                _ => FineTunedControl.Generate(lm, corpus, Controls, g, search: true, maxWords: 6),
            };
        }
        var jobs = Enumerable.Range(0, 6).ToList();
        var alone = InterOp.Map(jobs, Job, workers: 1);
        var together = InterOp.Map(jobs, Job, workers: 2);
        Assert.Equal(alone, together);
        Assert.NotEqual(alone[0], alone[3]);                                      // the seeds matter: the jobs are not all alike
    }

    [Fact]
    public void FudgeRescoresTheLmsPreconditionTopKAndKeepsTheBestTopK()
    {
        // The LM ranks words 0 > 1 > 2 > 3 > 4; the discriminator says only word 3 satisfies the control.
        using var scope = torch.NewDisposeScope();
        var lmLogp = torch.Tensor(new float[] { -0.5f, -1.5f, -2.5f, -3.5f, -4.5f }, [1, 5]);
        Tensor Condition(Tensor words) => torch.Where(words.Eq(3), torch.Full(words.Shape, 0.0, DType.Float32), torch.Full(words.Shape, -10.0, DType.Float32));

        // Rescoring the LM's top 4: word 3 scores −3.5 + 0, the others −10.5, −11.5, −12.5; the best 2 are kept.
        var (scores, words) = Fudge.Candidates(lmLogp, Condition, preconditionTopK: 4, topK: 2, lambda: 1);
        Assert.Equal([3L, 0L], words.ToArray<long>());
        Assert.Equal([-3.5f, -10.5f], scores.ToArray<float>());

        // Rescoring only the LM's top 2 (the old behaviour with topK = 2): word 3 is never a candidate.
        var (_, narrow) = Fudge.Candidates(lmLogp, Condition, preconditionTopK: 2, topK: 2, lambda: 1);
        Assert.DoesNotContain(3L, narrow.ToArray<long>());

        // λ scales the discriminator's term: at λ = 0.1 word 3 scores −3.5 + 0, behind word 0 (−0.5 − 1) and word 1 (−1.5 − 1).
        var (weak, weakWords) = Fudge.Candidates(lmLogp, Condition, preconditionTopK: 5, topK: 2, lambda: 0.1);
        Assert.Equal([0L, 1L], weakWords.ToArray<long>());
        Assert.Equal([-1.5f, -2.5f], weak.ToArray<float>());
    }

    [Fact]
    public void FudgeWithoutItsDiscriminatorDrawsFromTheBaseLmsFullDistribution()
    {
        // λ = 0 never asks the discriminator, and with precondition top-k = top-k = V the candidates are every word with
        // its own log-probability, so the draw (softmax of the scores) is the base LM's distribution exactly.
        using var scope = torch.NewDisposeScope();
        var probabilities = new[] { 0.5, 0.25, 0.125, 0.0625, 0.0625 };
        var lmLogp = torch.Tensor(probabilities.Select(p => (float)Math.Log(p)).ToArray(), [1, 5]);
        Tensor Refuse(Tensor words) => throw new InvalidOperationException("the discriminator was called at λ = 0");
        var (scores, words) = Fudge.Candidates(lmLogp, Refuse, preconditionTopK: 5, topK: 5, lambda: 0);
        var drawn = scores.Softmax(-1).ToArray<float>();
        var order = words.ToArray<long>();
        for (int i = 0; i < 5; i++)
            Assert.Equal(probabilities[order[i]], drawn[i], 6);
        Assert.Throws<InvalidOperationException>(() => Fudge.Candidates(lmLogp, Refuse, preconditionTopK: 5, topK: 5, lambda: 0.5));
    }

    [Fact]
    public void FudgeComposesTwoControlsPerSentence()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = Corpus();
        torch.ManualSeed(13);
        using var lm = new TransformerLM(Config(corpus));
        using var discriminator = new FudgeDiscriminator(Config(corpus));
        IReadOnlyList<IReadOnlyList<ControlTarget>> rows = [[Controls[0], Controls[1]], [Controls[2], Controls[1]]];
        List<string> Run() { using var g = new Generator(6); return Fudge.Generate(lm, discriminator, corpus, rows, g, topK: 3, maxWords: 5); }
        var first = Run();
        Assert.Equal(2, first.Count);
        Assert.Equal(first, Run());
    }

    [Fact]
    public void DiscriminatorLossCountsOnlyPositionsFromTheSeparatorOn()
    {
        using var scope = torch.NewDisposeScope();
        var corpus = Corpus();
        torch.ManualSeed(12);
        using var discriminator = new FudgeDiscriminator(Config(corpus));
        discriminator.Eval();
        var control = new LengthControl(4);
        var rows = corpus.Batch([corpus.Row(control, "a pub .")]);
        int prompt = corpus.Prompt(control).Length;
        var logits = discriminator.Logits(rows).ToArray<float>();
        // judged positions: the separator (prompt − 1) through EOS (prompt + 3)
        double expected = Enumerable.Range(prompt - 1, 5).Average(i => Math.Log(1 + Math.Exp(-logits[i])));
        var loss = discriminator.Loss(rows, torch.Tensor(new long[] { prompt }), torch.Tensor(new float[] { 1 }));
        Assert.Equal(expected, loss.Item(), 1e-4);
    }
}
