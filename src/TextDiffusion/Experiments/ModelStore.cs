using System.Text.Json;
using System.Text.Json.Serialization;
using TextDiffusion.Discrete;
using TextDiffusion.Models;
using TextDiffusion.Seq2Seq;
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
    public const string Mdlm = "mdlm";
    public const string Difformer = "difformer";
    /// <summary>EDLM's AR energy over MDLM's rows (kept in an mdlm folder's energy/).</summary>
    public const string ArEnergy = "ar-energy";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    sealed record Spec(string Kind, JsonElement Config);

    public static void SaveSpec(string dir, string kind, object config, Tokenizer tokenizer)
    {
        Directory.CreateDirectory(dir);
        var spec = new Spec(kind, JsonSerializer.SerializeToElement(config, config.GetType(), Json));
        AtomicFile.WriteAllText(Path.Combine(dir, "model.json"), JsonSerializer.Serialize(spec, Json));
        tokenizer.Save(Path.Combine(dir, "tokenizer.json"));
    }

    /// <summary>The tokenizer saved in <paramref name="dir"/>, or null when there is none yet.</summary>
    public static Tokenizer? LoadTokenizer(string dir)
    {
        string path = Path.Combine(dir, "tokenizer.json");
        return File.Exists(path) ? Tokenizer.Load(path) : null;
    }

    /// <summary>
    /// Builds the model described by dir/model.json and loads dir/model.safetensors into it. A folder that is not a model
    /// folder, or whose files are truncated or corrupt, is an error that names the file.
    /// </summary>
    public static (Module Model, string Kind, Tokenizer Tokenizer) Load(string dir, Device? device = null)
    {
        string specPath = Path.Combine(dir, "model.json");
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir} does not exist: expected a model folder written by `td train`");
        if (!File.Exists(specPath)) throw new FileNotFoundException($"{dir} holds no model.json: not a model folder written by `td train`", specPath);
        Spec spec;
        try
        {
            spec = JsonSerializer.Deserialize<Spec>(File.ReadAllText(specPath), Json) ?? throw new InvalidDataException($"{specPath} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{specPath} is not a model description (truncated or edited?): {e.Message}", e);
        }
        Module model = spec.Kind switch
        {
            DiffusionLm => new DiffusionLM(spec.Config.Deserialize<DiffusionLMConfig>(Json)!),
            Lm or ArEnergy => new TransformerLM(spec.Config.Deserialize<TransformerLMConfig>(Json)!),
            Mdlm => new MaskedDiffusionLM(spec.Config.Deserialize<MaskedDiffusionLMConfig>(Json)!),
            Difformer => new Difformer(spec.Config.Deserialize<DifformerConfig>(Json)!),
            _ => throw new InvalidDataException($"{specPath}: unknown model kind '{spec.Kind}' (expected {DiffusionLm}, {Mdlm}, {Difformer} or {Lm})"),
        };
        string weights = Path.Combine(dir, "model.safetensors");
        if (!File.Exists(weights)) throw new FileNotFoundException($"{dir} holds no model.safetensors: its training has not written a checkpoint yet", weights);
        model.Load(weights);
        if (device is { } d) model.To(d);
        model.Eval();
        return (model, spec.Kind, Tokenizer.Load(Path.Combine(dir, "tokenizer.json")));
    }
}
