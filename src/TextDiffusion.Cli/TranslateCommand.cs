using System.CommandLine;
using Spectre.Console;
using TextDiffusion.Data;
using TextDiffusion.Experiments;
using TextDiffusion.Seq2Seq;
using TextDiffusion.Text;

namespace TextDiffusion.Cli;

/// <summary>
/// <c>td translate --checkpoint DIR --source TEXT|FILE</c>: decodes with a Difformer trained by <c>td train --model difformer</c>
/// (the profile's lengths × noises, MBR), one output line per source line.
/// </summary>
internal static class TranslateCommand
{
    /// <summary>The sources: a sentence, or a file with one per line.</summary>
    public static Option<string?> SourceOption() =>
        new("--source", "-s") { Description = "Difformer: the text to translate, or a file with one source per line." };

    public static Command Create(IAnsiConsole console)
    {
        var checkpoint = new Option<DirectoryInfo>("--checkpoint", "-c") { Description = "A folder written by `td train --model difformer`.", Required = true };
        var source = SourceOption();
        source.Required = true;
        var device = CommonOptions.Device();
        var seed = CommonOptions.Seed();
        var command = new Command("translate", "Translate (or summarise) with a Difformer.") { checkpoint, source, device, seed };
        command.SetAction(parse =>
        {
            CommonOptions.Apply(null, parse.GetValue(device));
            string dir = parse.GetValue(checkpoint)!.FullName;
            var (module, kind, tokenizer) = ModelStore.Load(dir, Compute.Device);
            using var _ = module;
            if (module is not Difformer difformer) throw new UserError($"{dir} holds a {kind} model; `td translate` needs a difformer folder");
            return Print(console, difformer, tokenizer, parse.GetValue(source), parse.GetValue(seed));
        });
        return command;
    }

    /// <summary>Translates <paramref name="source"/> (text, or a file of lines) and prints one line per source.</summary>
    public static int Print(IAnsiConsole console, Difformer model, Tokenizer tokenizer, string? source, ulong seed)
    {
        if (source is null) throw new UserError("a difformer folder translates: give --source with a sentence or a file of sentences");
        var sources = File.Exists(source) ? UserText.ReadLines(source) : [source];
        foreach (var line in UserModels.Translate(model, tokenizer, sources, seed)) console.WriteLine(line);
        return 0;
    }
}
