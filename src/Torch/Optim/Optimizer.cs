namespace Torch.Optim;

/// <summary>
/// An optimiser over a fixed list of parameters, run by libtorch's own implementation
/// (torch::optim), so the update is the same kernel PyTorch uses.
/// </summary>
public abstract class Optimizer : IDisposable
{
    internal readonly OptimizerHandle Handle;
    readonly Tensor[] parameters;
    double learningRate;

    private protected Optimizer(IEnumerable<Tensor> parameters, double lr, Func<IntPtr[], int, IntPtr> create)
    {
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0) throw new ArgumentException("the optimiser got no parameters (are they all frozen?)");
        learningRate = lr;
        Handle = new OptimizerHandle(Native.Check(create(Tensor.Handles(this.parameters), this.parameters.Length)));
    }

    public IReadOnlyList<Tensor> Parameters => parameters;

    /// <summary>One update of every parameter from its accumulated gradient.</summary>
    public void Step() => Native.Check(Native.td_optim_step(Handle));

    /// <summary>Drops every gradient (set to none: nothing is kept between steps).</summary>
    public void ZeroGrad() => Native.Check(Native.td_optim_zero_grad(Handle));

    public double LearningRate
    {
        get => learningRate;
        set
        {
            Native.Check(Native.td_optim_set_lr(Handle, value));
            learningRate = value;
        }
    }

    /// <summary>Rescales the gradients so that their global L2 norm is at most <paramref name="maxNorm"/>; returns the norm before.</summary>
    public double ClipGradNorm(double maxNorm) => GradClip.ClipGradNorm(parameters, maxNorm);

    /// <summary>Saves the optimiser's state (moments, step counts) atomically, for resuming.</summary>
    public void Save(string path) => AtomicFile.Write(path, tmp => Native.Check(Native.td_optim_save(Handle, tmp)));

    /// <summary>
    /// Restores a state written by <see cref="Save"/>, its tensors moved to the parameters' device (a state saved on
    /// a GPU resumes on a CPU). A truncated or corrupt file throws <see cref="InvalidDataException"/> naming it; a state
    /// for other parameters, <see cref="TorchException"/>.
    /// </summary>
    public void Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"optimiser state not found: {path}", path);
        try
        {
            Native.Check(Native.td_optim_load(Handle, path));
        }
        catch (TorchException e) when (e.Message.Contains("PytorchStreamReader", StringComparison.Ordinal) || e.Message.Contains("archive", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path} is truncated or corrupt ({new FileInfo(path).Length:N0} bytes): {FirstLine(e.Message)}", e);
        }
    }

    static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    public void Dispose()
    {
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Adam with decoupled weight decay (Loshchilov &amp; Hutter): θ ← θ − lr·(m̂/(√v̂+ε) + λθ).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0.01, bool amsgrad = false)
    : Optimizer(parameters, lr, (ps, n) => Native.td_adamw_new(ps, n, lr, beta1, beta2, eps, weightDecay, amsgrad ? 1 : 0));

/// <summary>Adam (Kingma &amp; Ba): θ ← θ − lr·m̂/(√v̂+ε); weight decay, if any, is added to the gradient.</summary>
public sealed class Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
    double eps = 1e-8, double weightDecay = 0, bool amsgrad = false)
    : Optimizer(parameters, lr, (ps, n) => Native.td_adam_new(ps, n, lr, beta1, beta2, eps, weightDecay, amsgrad ? 1 : 0));

/// <summary>Adagrad: G ← G + g², θ ← θ − lr·g/(√G+ε). Diffusion-LM's control updates x_{t−1} with it.</summary>
public sealed class Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0,
    double initialAccumulator = 0, double eps = 1e-10)
    : Optimizer(parameters, lr, (ps, n) => Native.td_adagrad_new(ps, n, lr, lrDecay, weightDecay, initialAccumulator, eps));
