using System.Text.Json;
using Torch;
using Torch.Nn;
using Torch.Optim;

namespace TextDiffusion.Training;

/// <summary>
/// A training checkpoint: a folder with the model's weights (model.safetensors), the optimiser's
/// state (optimizer.pt), the EMA weights if any (ema.safetensors) and trainer.json (step, loss
/// curve). Every file is written atomically and trainer.json last, so a crash mid-save leaves the
/// previous checkpoint whole.
/// </summary>
public static class Checkpoint
{
    sealed record State(int Step, List<double[]> LossCurve, double WallSeconds);

    public static bool Exists(string dir) => File.Exists(Path.Combine(dir, "trainer.json"));

    public static void Save(string dir, Module model, Optimizer optimizer, ExponentialMovingAverage? ema, int step,
        IReadOnlyList<(int Step, double Loss)> curve, double wallSeconds)
    {
        Directory.CreateDirectory(dir);
        model.Save(Path.Combine(dir, "model.safetensors"));
        optimizer.Save(Path.Combine(dir, "optimizer.pt"));
        if (ema is not null) SafeTensors.Save(ema.StateDict(), Path.Combine(dir, "ema.safetensors"));
        var state = new State(step, curve.Select(c => new[] { c.Step, c.Loss }).ToList(), wallSeconds);
        AtomicFile.WriteAllText(Path.Combine(dir, "trainer.json"), JsonSerializer.Serialize(state));
    }

    /// <summary>
    /// Restores model, optimiser and EMA; returns the step to continue from and the loss curve so far. A run that reached
    /// <paramref name="totalSteps"/> may come without its optimiser state (a committed pretrained model: nothing is left to train).
    /// </summary>
    public static (int Step, List<(int Step, double Loss)> Curve, double WallSeconds) Load(string dir, Module model,
        Optimizer optimizer, ExponentialMovingAverage? ema, int? totalSteps = null)
    {
        string json = File.ReadAllText(Path.Combine(dir, "trainer.json"));
        State state;
        try
        {
            state = JsonSerializer.Deserialize<State>(json) ?? throw new InvalidDataException($"{dir}/trainer.json is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Path.Combine(dir, "trainer.json")} is not a trainer state (truncated?): {e.Message}", e);
        }
        model.Load(Path.Combine(dir, "model.safetensors"));
        string optimizerPath = Path.Combine(dir, "optimizer.pt");
        if (File.Exists(optimizerPath))
            optimizer.Load(optimizerPath);
        else if (totalSteps is not { } total || state.Step < total)
            throw new InvalidDataException($"{dir} holds no optimizer.pt: only a finished run (step {state.Step} of {totalSteps?.ToString() ?? "?"}) can be reused without it");
        if (ema is not null)
        {
            var shadow = SafeTensors.Load(Path.Combine(dir, "ema.safetensors"));
            ema.LoadStateDict(shadow);
            foreach (var t in shadow.Values) t.Dispose();
        }
        return (state.Step, state.LossCurve.Select(c => ((int)c[0], c[1])).ToList(), state.WallSeconds);
    }
}
