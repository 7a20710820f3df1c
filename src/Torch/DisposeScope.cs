namespace Torch;

/// <summary>
/// Frees every tensor created on this thread while the scope is open, when it is disposed:
/// <code>
/// for (int step = 0; step &lt; steps; step++)
/// {
///     using var scope = torch.NewDisposeScope();
///     var loss = model.Loss(batch);   // intermediates, gradients' handles: all freed at the brace
///     ...
/// }
/// </code>
/// Keep a tensor beyond the scope with <see cref="MoveToOuter"/> (into the enclosing scope) or
/// <see cref="Detach"/> (into no scope: you dispose it). Scopes nest.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] static DisposeScope? current;

    readonly DisposeScope? outer;
    readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    /// <summary>How many live tensors this scope will free.</summary>
    public int Count => tensors.Count;

    internal static void Register(Tensor t)
    {
        if (current is { disposed: false } scope)
        {
            scope.tensors.Add(t);
            t.Scope = scope;
        }
    }

    internal void Forget(Tensor t)
    {
        tensors.Remove(t);
        t.Scope = null;
    }

    /// <summary>Hands the tensor to the enclosing scope (or to no scope) and returns it.</summary>
    public Tensor MoveToOuter(Tensor t)
    {
        if (t.Scope == this)
        {
            Forget(t);
            if (outer is not null)
            {
                outer.tensors.Add(t);
                t.Scope = outer;
            }
        }
        return t;
    }

    /// <summary>Takes the tensor out of every scope: the caller now owns it.</summary>
    public static Tensor Detach(Tensor t)
    {
        t.Scope?.Forget(t);
        return t;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in tensors)
        {
            t.Scope = null;
            t.Handle.Dispose();
        }
        tensors.Clear();
        // Scopes close in reverse order of opening on a thread; if an outer one was closed first,
        // skip it, so that no tensor is ever registered with a closed scope.
        if (current == this)
        {
            var next = outer;
            while (next is { disposed: true }) next = next.outer;
            current = next;
        }
    }
}
