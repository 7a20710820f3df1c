using System.Runtime.ExceptionServices;

namespace Torch.Tests;

/// <summary>Dispose scopes own what is created inside them; NoGrad/EnableGrad guards restore the grad mode.</summary>
public class DisposeScopeTests
{
    /// <summary>Runs <paramref name="body"/> on a fresh thread, so that a test cannot leave a scope open on an xunit worker.</summary>
    static void OnOwnThread(Action body)
    {
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
    }

    [Fact]
    public void NoGradScope_turns_gradients_off_and_frees_its_tensors_with_one_dispose() => OnOwnThread(() =>
    {
        Assert.True(torch.IsGradEnabled);
        var w = torch.Ones([2]).RequiresGrad_();
        Tensor inside;
        using (var evaluation = torch.NoGradScope())
        {
            Assert.False(torch.IsGradEnabled);
            inside = w * 2.0;
            Assert.False(inside.RequiresGrad);
            Assert.Equal(1, evaluation.Scope.Count);
        }
        Assert.True(torch.IsGradEnabled);
        Assert.True(inside.IsDisposed);
        Assert.False(w.IsDisposed);
        w.Dispose();
    });

    [Fact]
    public void Scoped_keeps_the_formulas_result_in_the_callers_scope_and_frees_its_intermediates() => OnOwnThread(() =>
    {
        Tensor x = torch.Ones([3]), intermediate = x, result, mean, variance;
        using (var outer = torch.NewDisposeScope())
        {
            result = torch.Scoped(() => { intermediate = x * 2.0; return intermediate + 1.0; }); // 2·1 + 1
            (mean, variance) = torch.Scoped(() => (x * 3.0, (x * 4.0).Sqrt()));
            Assert.True(intermediate.IsDisposed);
            Assert.False(result.IsDisposed);
            Assert.Equal([3f, 3f, 3f], result.ToArray<float>());
            Assert.Equal([3f, 3f, 3f, 2f, 2f, 2f], [.. mean.ToArray<float>(), .. variance.ToArray<float>()]);
            Assert.Equal(3, outer.Count);   // the three results, nothing else
        }
        Assert.True(result.IsDisposed && mean.IsDisposed && variance.IsDisposed);
        Assert.False(x.IsDisposed);
        x.Dispose();
    });

    [Fact]
    public void NoGradScoped_records_no_gradient_and_restores_the_grad_mode() => OnOwnThread(() =>
    {
        using var w = torch.Ones([2]).RequiresGrad_();
        using var y = torch.NoGradScoped(() => w * 2.0);
        Assert.False(y.RequiresGrad);
        Assert.True(torch.IsGradEnabled);
        Assert.Equal(4.0, torch.NoGrad(() => { Assert.False(torch.IsGradEnabled); return 4.0; }));
        Assert.True(torch.IsGradEnabled);
    });

    [Fact]
    public void Tensors_created_inside_a_scope_are_disposed_at_its_end()
    {
        Tensor a, b, sum;
        Tensor[] pieces;
        (Tensor Values, Tensor Indices) top;
        using (var scope = torch.NewDisposeScope())
        {
            a = torch.Ones([4]);
            b = torch.Arange(4);
            sum = a + b;
            pieces = sum.Split(2);
            top = sum.TopK(1);
            Assert.Equal(7, scope.Count);
            Assert.False(sum.IsDisposed);
        }
        Assert.All(new[] { a, b, sum, pieces[0], pieces[1], top.Values, top.Indices }, t => Assert.True(t.IsDisposed));
    }

    [Fact]
    public void A_tensor_disposed_early_is_forgotten_by_its_scope()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Ones([2]);
        var b = torch.Ones([2]);
        Assert.Equal(2, scope.Count);
        a.Dispose();
        Assert.Equal(1, scope.Count);
        Assert.False(b.IsDisposed);
    }

    [Fact]
    public void MoveToOuter_keeps_a_tensor_alive_until_the_outer_scope_ends()
    {
        Tensor kept, dropped;
        using (var outer = torch.NewDisposeScope())
        {
            using (var inner = torch.NewDisposeScope())
            {
                kept = inner.MoveToOuter(torch.Ones([3]) * 2);
                dropped = torch.Ones([3]);
                Assert.Equal(1, outer.Count);
            }
            Assert.True(dropped.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal([2f, 2f, 2f], kept.ToArray<float>());
        }
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void MoveToOuter_from_the_outermost_scope_hands_ownership_to_the_caller() => OnOwnThread(() =>
    {
        Tensor owned;
        using (var only = torch.NewDisposeScope()) owned = only.MoveToOuter(torch.Zeros([2]));
        Assert.False(owned.IsDisposed);
        owned.Dispose();
        Assert.True(owned.IsDisposed);
    });

    [Fact]
    public void Detach_takes_a_tensor_out_of_every_scope()
    {
        Tensor detached;
        using (var outer = torch.NewDisposeScope())
        using (var inner = torch.NewDisposeScope())
        {
            detached = DisposeScope.Detach(torch.Ones([1]));
            Assert.Equal(0, inner.Count);
        }
        Assert.False(detached.IsDisposed);
        detached.Dispose();
    }

    [Fact]
    public void Nested_scopes_free_inner_tensors_first()
    {
        using var outer = torch.NewDisposeScope();
        var o = torch.Ones([2]);
        Tensor i;
        using (var inner = torch.NewDisposeScope())
        {
            i = o * 3;
            Assert.Equal(1, inner.Count);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(i.IsDisposed);
        Assert.False(o.IsDisposed);
        // After the inner scope, new tensors belong to the outer one again.
        var later = o + 1;
        Assert.Equal(2, outer.Count);
        Assert.False(later.IsDisposed);
    }

    [Fact]
    public void Module_parameters_belong_to_no_scope()
    {
        Nn.Linear layer;
        using (var scope = torch.NewDisposeScope())
        {
            layer = new Nn.Linear(3, 2);
            Assert.Equal(0, scope.Count);
        }
        Assert.False(layer.Weight.IsDisposed);
        Assert.False(layer.Bias!.IsDisposed);
        layer.Dispose();
        Assert.True(layer.Weight.IsDisposed);
    }

    [Fact]
    public void Scopes_are_per_thread() => OnOwnThread(() =>
    {
        using var scope = torch.NewDisposeScope();
        Tensor? fromOtherThread = null;
        var other = new Thread(() => fromOtherThread = torch.Ones([1]));
        other.Start();
        other.Join();
        Assert.Equal(0, scope.Count);
        Assert.NotNull(fromOtherThread);
        fromOtherThread.Dispose();
    });

    [Fact]
    public void A_misordered_close_does_not_leave_a_disposed_scope_current() => OnOwnThread(() =>
    {
        // The binding promises to "tolerate a misordered close". Closing the outer scope before the
        // inner one must not make the (already disposed) outer scope current again: tensors created
        // afterwards would be registered in a dead scope and never freed.
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        outer.Dispose();
        inner.Dispose();
        var afterwards = torch.Ones([1]);
        Assert.True(outer.Count == 0,
            "a tensor created after both scopes were closed was registered in the disposed outer scope: it will never be freed");
        afterwards.Dispose();
    });

    [Fact]
    public void Disposing_a_scope_twice_is_harmless()
    {
        var scope = torch.NewDisposeScope();
        var t = torch.Ones([1]);
        scope.Dispose();
        scope.Dispose();
        Assert.True(t.IsDisposed);
    }

    // ---- grad mode -----------------------------------------------------------------------------------

    [Fact]
    public void NoGrad_stops_recording_and_restores_on_dispose()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2]).RequiresGrad_();
        Assert.True(torch.IsGradEnabled);
        using (torch.NoGrad())
        {
            Assert.False(torch.IsGradEnabled);
            var y = x * 2;
            Assert.False(y.RequiresGrad);
        }
        Assert.True(torch.IsGradEnabled);
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void Grad_mode_guards_nest()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2]).RequiresGrad_();
        using (torch.NoGrad())
        {
            using (torch.EnableGrad())
            {
                Assert.True(torch.IsGradEnabled);
                Assert.True((x * 2).RequiresGrad);
            }
            Assert.False(torch.IsGradEnabled);
            using (torch.NoGrad()) Assert.False(torch.IsGradEnabled);
            Assert.False(torch.IsGradEnabled);
        }
        Assert.True(torch.IsGradEnabled);
    }

    [Fact]
    public void Grad_mode_is_per_thread() => OnOwnThread(() =>
    {
        using var noGrad = torch.NoGrad();
        bool otherThread = false;
        var t = new Thread(() => otherThread = torch.IsGradEnabled);
        t.Start();
        t.Join();
        Assert.True(otherThread);
        Assert.False(torch.IsGradEnabled);
    });
}
