namespace Torch.Nn;

/// <summary>An indexed list of child modules, registered as "0", "1", ... (e.g. a stack of layers).</summary>
public sealed class ModuleList<T> : Module where T : Module
{
    public ModuleList(IEnumerable<T> modules)
    {
        foreach (var m in modules) Register(Name(Count++), m);
    }

    public int Count { get; }

    public T this[int index] => Child<T>(Name(index));

    public IEnumerable<T> Items => Enumerable.Range(0, Count).Select(i => this[i]);

    static string Name(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
