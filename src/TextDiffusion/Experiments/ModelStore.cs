using System.Text.Json;
using System.Text.Json.Serialization;
using TextDiffusion.Models;
using TextDiffusion.Text;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Experiments;

/// <summary>
/// A trained model on disk, so that it always reloads with its own configuration and tokenizer:
/// model.json (kind + configuration), tokenizer.json, and the weights written by the trainer's
/// checkpoint (model.safetensors).
/// </summary>
public static class ModelStore
{
    public const string DiffusionLm = "diffusion-lm";
    public const string Lm = "lm";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    sealed record Spec(string Kind, JsonElement Config);

    public static void SaveSpec(string dir, string kind, object config, Tokenizer tokenizer)
    {
        Directory.CreateDirectory(dir);
        var spec = new Spec(kind, JsonSerializer.SerializeToElement(config, config.GetType(), Json));
        AtomicFile.WriteAllText(Path.Combine(dir, "model.json"), JsonSerializer.Serialize(spec, Json));
        tokenizer.Save(Path.Combine(dir, "tokenizer.json"));
    }

    /// <summary>Builds the model described by dir/model.json and loads dir/model.safetensors into it.</summary>
    public static (Module Model, string Kind, Tokenizer Tokenizer) Load(string dir, Device? device = null)
    {
        string specPath = Path.Combine(dir, "model.json");
        if (!File.Exists(specPath)) throw new FileNotFoundException($"{dir} holds no model.json: not a model folder written by `td train`", specPath);
        var spec = JsonSerializer.Deserialize<Spec>(File.ReadAllText(specPath), Json)
                   ?? throw new InvalidDataException($"{specPath} is empty");
        Module model = spec.Kind switch
        {
            DiffusionLm => new DiffusionLM(spec.Config.Deserialize<DiffusionLMConfig>(Json)!),
            Lm => new TransformerLM(spec.Config.Deserialize<TransformerLMConfig>(Json)!),
            _ => throw new InvalidDataException($"{specPath}: unknown model kind '{spec.Kind}' (expected '{DiffusionLm}' or '{Lm}')"),
        };
        model.Load(Path.Combine(dir, "model.safetensors"));
        if (device is { } d) model.To(d);
        model.Eval();
        return (model, spec.Kind, Tokenizer.Load(Path.Combine(dir, "tokenizer.json")));
    }
}
