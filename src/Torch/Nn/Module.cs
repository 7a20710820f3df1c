namespace Torch.Nn;

/// <summary>
/// A layer or model: named parameters, buffers and child modules, train/eval mode, and a state
/// dict. Subclasses register what they own in their constructor and define a Forward method with
/// the signature that suits them.
/// </summary>
public abstract class Module : IDisposable
{
    // Insertion-ordered, so that state dicts and optimiser parameter lists are stable.
    readonly List<string> parameterNames = [];
    readonly Dictionary<string, Tensor> parameters = [];
    readonly List<string> bufferNames = [];
    readonly Dictionary<string, Tensor> buffers = [];
    readonly List<string> childNames = [];
    readonly Dictionary<string, Module> children = [];

    public bool Training { get; private set; } = true;

    // ---- registration ------------------------------------------------------------------------
    /// <summary>Registers a trainable tensor: it requires grad and belongs to no dispose scope.</summary>
    protected Tensor Parameter(string name, Tensor value)
    {
        DisposeScope.Detach(value);
        value.RequiresGrad = true;
        Add(parameterNames, parameters, name, value);
        return value;
    }

    /// <summary>Registers a non-trainable tensor saved in the state dict (e.g. a schedule table).</summary>
    protected Tensor Buffer(string name, Tensor value)
    {
        DisposeScope.Detach(value);
        Add(bufferNames, buffers, name, value);
        return value;
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    protected T Register<T>(string name, T module) where T : Module
    {
        Add(childNames, children, name, module);
        return module;
    }

    /// <summary>A registered child, for modules whose children can be swapped (see <see cref="Replace"/>).</summary>
    protected T Child<T>(string name) where T : Module => (T)children[name];

    /// <summary>
    /// Swaps a registered child for another (e.g. a Linear for a LoRA or quantised one). The old
    /// module is returned, not disposed: the new one often wraps it.
    /// </summary>
    protected Module Replace(string name, Module module)
    {
        if (!children.TryGetValue(name, out var old)) throw new ArgumentException($"no child module '{name}' in {GetType().Name}");
        children[name] = module;
        return old;
    }

    static void Add<T>(List<string> names, Dictionary<string, T> items, string name, T value)
    {
        if (name.Length == 0 || name.Contains('.')) throw new ArgumentException($"invalid name '{name}': must be non-empty, without '.'");
        if (!items.TryAdd(name, value)) throw new ArgumentException($"'{name}' is registered twice");
        names.Add(name);
    }

    // ---- traversal -----------------------------------------------------------------------------
    public IEnumerable<(string Name, Module Module)> NamedChildren() => childNames.Select(n => (n, children[n]));

    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters()
    {
        foreach (var n in parameterNames) yield return (n, parameters[n]);
        foreach (var (childName, child) in NamedChildren())
            foreach (var (n, p) in child.NamedParameters())
                yield return ($"{childName}.{n}", p);
    }

    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers()
    {
        foreach (var n in bufferNames) yield return (n, buffers[n]);
        foreach (var (childName, child) in NamedChildren())
            foreach (var (n, b) in child.NamedBuffers())
                yield return ($"{childName}.{n}", b);
    }

    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>The parameters that currently require grad (what an optimiser should update).</summary>
    public IEnumerable<Tensor> TrainableParameters() => Parameters().Where(p => p.RequiresGrad);

    public long ParameterCount(bool trainableOnly = false) =>
        (trainableOnly ? TrainableParameters() : Parameters()).Sum(p => p.NumEl);

    // ---- mode ----------------------------------------------------------------------------------
    public void Train(bool on = true)
    {
        Training = on;
        foreach (var (_, child) in NamedChildren()) child.Train(on);
    }

    public void Eval() => Train(false);

    /// <summary>Freezes (false) or unfreezes (true) every parameter.</summary>
    public void RequiresGrad_(bool value)
    {
        foreach (var p in Parameters()) p.RequiresGrad = value;
    }

    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ClearGrad();
    }

    /// <summary>Where the module's first parameter lives (the CPU for a module without parameters): put its inputs there.</summary>
    public Device Device => Parameters().FirstOrDefault()?.Device ?? Device.Cpu;

    /// <summary>Moves every parameter and buffer to <paramref name="device"/>, keeping their identity.</summary>
    public void To(Device device)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (_, t) in NamedParameters().Concat(NamedBuffers())) t.SetData(t.Detach().To(device));
    }

    public void To(DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (_, t) in NamedParameters()) t.SetData(t.Detach().To(dtype));
    }

    // ---- state dict -------------------------------------------------------------------------------
    /// <summary>Parameters and buffers by dotted name. The tensors are the module's own: do not dispose them.</summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor>();
        foreach (var (n, p) in NamedParameters()) dict[n] = p;
        foreach (var (n, b) in NamedBuffers()) dict[n] = b;
        return dict;
    }

    /// <summary>Copies values in by name. Strict: every key must match in name and shape, both ways.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = StateDict();
        if (strict)
        {
            var missing = own.Keys.Except(state.Keys).ToList();
            var unexpected = state.Keys.Except(own.Keys).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new ArgumentException($"state dict does not match {GetType().Name}: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}]");
        }
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        foreach (var (name, target) in own)
        {
            if (!state.TryGetValue(name, out var source)) continue;
            if (!source.Shape.SequenceEqual(target.Shape))
                throw new ArgumentException($"'{name}': saved shape [{string.Join(", ", source.Shape)}], module expects [{string.Join(", ", target.Shape)}]");
            target.Copy_(source);
        }
    }

    /// <summary>Writes the state dict to one safetensors file, atomically.</summary>
    public void Save(string path) => SafeTensors.Save(StateDict(), path);

    /// <summary>Loads a state dict written by <see cref="Save"/>.</summary>
    public void Load(string path, bool strict = true)
    {
        var state = SafeTensors.Load(path);
        try
        {
            LoadStateDict(state, strict);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    public virtual void Dispose()
    {
        foreach (var p in parameters.Values) p.Dispose();
        foreach (var b in buffers.Values) b.Dispose();
        foreach (var c in children.Values) c.Dispose();
        GC.SuppressFinalize(this);
    }
}
