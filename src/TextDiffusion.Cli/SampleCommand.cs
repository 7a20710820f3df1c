using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Experiments;
using TextDiffusion.Models;
using TextDiffusion.Text;

namespace TextDiffusion.Cli;

/// <summary><c>td sample --checkpoint DIR</c>: draws sentences from a model trained with <c>td train</c>.</summary>
internal static class SampleCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var checkpoint = new Option<DirectoryInfo>("--checkpoint", "-c") { Description = "A folder written by `td train`.", Required = true };
        checkpoint.AcceptExistingOnly();
        var count = CommonOptions.Positive("--count", 10, "How many sentences (default 10).");
        var steps = CommonOptions.Positive("--steps", 200, "Diffusion-LM denoising steps, respaced from T (default 200).");
        var noClamp = new Option<bool>("--no-clamp") { Description = "Diffusion-LM: do not snap x̂0 to the nearest word vector." };
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("sample", "Sample sentences from a trained model.") { checkpoint, count, steps, noClamp, device, seed };
        command.SetAction(parse =>
        {
            CommonOptions.Apply(null, parse.GetValue(device));
            var (model, kind, tokenizer) = ModelStore.Load(parse.GetValue(checkpoint)!.FullName, Compute.Device);
            using var _ = model;
            var corpus = SamplingCorpus(tokenizer, model);
            var sentences = kind == ModelStore.DiffusionLm
                ? DiffusionLmExperiment.Sample((DiffusionLM)model, corpus, parse.GetValue(count), parse.GetValue(steps), !parse.GetValue(noClamp), parse.GetValue(seed))
                : DiffusionLmExperiment.SampleLm((TransformerLM)model, corpus, parse.GetValue(count), parse.GetValue(seed));
            foreach (var s in sentences) console.WriteLine(s);
            return 0;
        });
        return command;
    }

    /// <summary>Decoding needs only the tokenizer and length, which the saved model carries.</summary>
    internal static E2eCorpus SamplingCorpus(Tokenizer tokenizer, Torch.Nn.Module model)
    {
        int length = model switch
        {
            DiffusionLM d => d.Config.SequenceLength,
            TransformerLM l => l.Config.MaxLength,
            _ => 64,
        };
        return E2eCorpus.ForDecoding((WordTokenizer)tokenizer, length);
    }
}
