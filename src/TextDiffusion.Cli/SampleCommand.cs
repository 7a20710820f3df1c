using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Discrete;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td sample --checkpoint DIR</c>: draws sentences from a model trained with <c>td train</c> (diffusion-lm, mdlm, lm);
/// <c>--model edlm</c> samples an mdlm folder with EDLM's AR energy; a difformer folder translates <c>--source</c>.
/// </summary>
internal static class SampleCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var checkpoint = new Option<DirectoryInfo>("--checkpoint", "-c") { Description = "A folder written by `td train`.", Required = true };
        var count = CommonOptions.Positive("--count", 10, "How many sentences (default 10).");
        var steps = CommonOptions.Positive("--steps", 200, "Denoising steps (default 200; MDLM: up to one per token is exact enough).");
        var noClamp = new Option<bool>("--no-clamp") { Description = "Diffusion-LM: do not snap x̂0 to the nearest word vector." };
        var model = new Option<string?>("--model") { Description = "edlm: sample an mdlm folder with its AR energy (EDLM, k = 2 candidates, window 0.2)." };
        model.AcceptOnlyFromAmong("edlm");
        var energy = new Option<DirectoryInfo?>("--energy") { Description = "EDLM's AR energy (default: the mdlm folder's energy/)." };
        var source = TranslateCommand.SourceOption();
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("sample", "Sample sentences from a trained model (or translate with a Difformer).")
        {
            checkpoint, count, steps, noClamp, model, energy, source, device, seed,
        };
        command.SetAction(parse =>
        {
            CommonOptions.Apply(null, parse.GetValue(device));
            string dir = parse.GetValue(checkpoint)!.FullName;
            var (module, kind, tokenizer) = ModelStore.Load(dir, Compute.Device);
            using var _ = module;
            if (kind == ModelStore.Difformer)
                return TranslateCommand.Print(console, (Difformer)module, tokenizer, parse.GetValue(source), parse.GetValue(seed));
            bool edlm = parse.GetValue(model) == "edlm";
            if (edlm && kind != ModelStore.Mdlm) throw new UserError($"--model edlm samples an mdlm folder; {dir} holds a {kind} model");
            int n = parse.GetValue(count), k = parse.GetValue(steps);
            ulong s = parse.GetValue(seed);
            var corpus = SamplingCorpus(tokenizer, module);
            List<string> sentences;
            if (module is MaskedDiffusionLM mdlm)
            {
                TransformerLM? ar = null;
                if (edlm)
                {
                    string energyDir = parse.GetValue(energy)?.FullName ?? Path.Combine(dir, UserModels.EnergyFolder);
                    if (!Directory.Exists(energyDir)) throw new UserError($"--model edlm needs an AR energy: {energyDir} does not exist (train it with `td train --model mdlm --energy-steps N`)");
                    var (energyModule, energyKind, energyTokenizer) = ModelStore.Load(energyDir, Compute.Device);
                    ar = energyModule as TransformerLM ?? throw new UserError($"{energyDir} holds a {energyKind} model, not an AR energy");
                    if (energyTokenizer.VocabSize != tokenizer.VocabSize) throw new UserError($"{energyDir} has a vocabulary of {energyTokenizer.VocabSize}, the MDLM's is {tokenizer.VocabSize}: the energy must be trained on the same data");
                }
                using (ar) sentences = SentenceMdlm.Sample(mdlm, corpus, n, k, s, ar);
            }
            else
            {
                if (parse.GetValue(model) is not null || parse.GetValue(energy) is not null) throw new UserError($"--model edlm and --energy apply to mdlm folders; {dir} holds a {kind} model");
                sentences = module switch
                {
                    DiffusionLM d => DiffusionLmExperiment.Sample(d, corpus, n, k, !parse.GetValue(noClamp), s),
                    TransformerLM l => DiffusionLmExperiment.SampleLm(l, corpus, n, s),
                    _ => throw new UserError($"{dir} holds a {kind} model, which `td sample` does not draw from"),
                };
            }
            foreach (var sentence in sentences) console.WriteLine(sentence);
            return 0;
        });
        return command;
    }

    /// <summary>Decoding needs only the tokenizer and length, which the saved model carries.</summary>
    internal static SentenceCorpus SamplingCorpus(Tokenizer tokenizer, Torch.Nn.Module model)
    {
        int length = model switch
        {
            DiffusionLM d => d.Config.SequenceLength,
            TransformerLM l => l.Config.MaxLength,
            MaskedDiffusionLM m => m.Config.SequenceLength,
            _ => 64,
        };
        return SentenceCorpus.ForDecoding((WordTokenizer)tokenizer, length);
    }
}
