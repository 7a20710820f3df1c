namespace Torch;

/// <summary>
/// A private random stream. Pass one to sampling functions so that a sampler is reproducible under
/// its own seed, whatever else draws random numbers. Its state can be saved and restored (resume).
/// </summary>
public sealed class Generator : IDisposable
{
    internal readonly GeneratorHandle Handle;

    public Generator(ulong seed, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        Handle = new GeneratorHandle(Native.Check(Native.td_generator_new(seed, (int)d.Type, d.Index)));
    }

    public void ManualSeed(ulong seed) => Native.Check(Native.td_generator_set_seed(Handle, seed));

    /// <summary>The full state (a uint8 tensor), for checkpoints.</summary>
    public Tensor GetState() => new(Native.td_generator_get_state(Handle));

    public void SetState(Tensor state) => Native.Check(Native.td_generator_set_state(Handle, state.Handle));

    public void Dispose() => Handle.Dispose();

    internal static GeneratorHandle HandleOf(Generator? g) => g?.Handle ?? GeneratorHandle.Null;
}
