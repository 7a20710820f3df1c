using Torch;
using Torch.Nn;
using Torch.Optim;

namespace Bench;

/// <summary>
/// One training step of a transformer encoder stack through our binding: 4 pre-norm layers,
/// d_model 256 (or <c>width</c>), 4 heads, FFN 4·d_model, GELU, dropout 0, batch 32, sequence 64; forward, backward, AdamW.
/// At the default width, the same model as bench/pytorch_step.py.
/// </summary>
internal sealed class TransformerStep : IDisposable
{
    readonly ModuleList<TransformerEncoderLayer> layers;
    readonly AdamW optimizer;
    readonly Tensor x;

    public TransformerStep(int width = 256)
    {
        torch.ManualSeed(0);
        var options = new TransformerLayerOptions(width, 4, 4 * width, Dropout: 0, Activation: Activation.Gelu, NormFirst: true);
        layers = new ModuleList<TransformerEncoderLayer>(Enumerable.Range(0, 4).Select(_ => new TransformerEncoderLayer(options)));
        optimizer = new AdamW(layers.Parameters(), lr: 1e-4);
        x = DisposeScope.Detach(torch.Randn([32, 64, width]));
    }

    public void Step() => Step(64);

    /// <summary>A step on the first <paramref name="length"/> positions (a length-bucketed batch: its shape varies from step to step).</summary>
    public void Step(long length)
    {
        using var scope = torch.NewDisposeScope();
        var h = x.Narrow(1, 0, length);
        foreach (var layer in layers.Items) h = layer.Forward(h);
        var loss = h.Pow(2).Mean();
        optimizer.ZeroGrad();
        loss.Backward();
        optimizer.Step();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        layers.Dispose();
        x.Dispose();
    }
}
