using Torch.Optim;

namespace Torch.Tests;

/// <summary>
/// libtorch's C++ errors cross the shim as TorchException with libtorch's own message (no crash, no
/// backtrace), leave no stale state behind, and misuse on the .NET side fails with .NET exceptions.
/// </summary>
public class ErrorTests
{
    [Fact]
    public void Matmul_of_incompatible_shapes_throws_with_libtorchs_message_and_the_next_call_works()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Ones([2, 3]);
        var b = torch.Ones([4, 5]);
        var error = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("cannot be multiplied", error.Message);
        Assert.Contains("2x3", error.Message);
        Assert.Contains("4x5", error.Message);
        Assert.DoesNotContain("Exception raised from", error.Message); // no C++ backtrace

        var ok = a.MatMul(torch.Ones([3, 2]));
        Assert.Equal([3f, 3f, 3f, 3f], ok.ToArray<float>());
    }

    public static TheoryData<string, string> NativeErrors() => new()
    {
        { "cat with mismatched sizes", "Sizes of tensors must match" },
        { "select out of range", "out of range" },
        { "view to an impossible shape", "is invalid for input of size 6" },
        { "item of a six-element tensor", "cannot be converted to Scalar" },
        { "backward of a tensor without grad", "does not require grad" },
        { "cross entropy target out of bounds", "out of bounds" },
        { "embedding index out of range", "index out of range" },
        { "bmm of 2-d tensors", "batch1 must be a 3D tensor" },
        { "randint with low >= high", "random_ expects 'from' to be less than 'to'" },
        { "multinomial of negative probabilities", "probability tensor contains either `inf`, `nan` or element < 0" },
    };

    [Theory]
    [MemberData(nameof(NativeErrors))]
    public void Native_errors_surface_as_torch_exceptions_with_libtorchs_message(string what, string expectedFragment)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([2, 3]);
        Action act = what switch
        {
            "cat with mismatched sizes" => () => torch.Cat([x, torch.Ones([2, 4])]),
            "select out of range" => () => x.Select(0, 5),
            "view to an impossible shape" => () => x.View(4, 4),
            "item of a six-element tensor" => () => x.Item(),
            "backward of a tensor without grad" => () => x.Sum().Backward(),
            "cross entropy target out of bounds" => () => F.CrossEntropy(x, torch.Tensor(new long[] { 0, 7 })),
            "embedding index out of range" => () => F.Embedding(torch.Tensor(new long[] { 9 }), x),
            "bmm of 2-d tensors" => () => x.Bmm(x),
            "randint with low >= high" => () => torch.RandInt(5, 5, [3]),
            "multinomial of negative probabilities" => () => torch.Tensor(new[] { 0.5f, -1f }).Multinomial(1),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var error = Assert.Throws<TorchException>(act);
        Assert.Contains(expectedFragment, error.Message);
        // The error was consumed: the next native call on this thread succeeds and reports nothing stale.
        Assert.Equal(6.0, x.Sum().Item());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void Many_native_errors_in_a_row_do_not_crash_or_leak_state()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Ones([2, 3]);
        for (int i = 0; i < 2000; i++)
        {
            using var inner = torch.NewDisposeScope();
            Assert.Throws<TorchException>(() => a.View(7));
        }
        Assert.Equal([2L, 3], a.Shape);
        Assert.Equal(6.0, a.Sum().Item());
    }

    [Fact]
    public void An_error_on_one_thread_is_not_seen_by_another()
    {
        using var failed = new ManualResetEventSlim();
        using var checkedOther = new ManualResetEventSlim();
        Exception? otherThreadError = null;
        double otherThreadResult = 0;

        var other = new Thread(() =>
        {
            try
            {
                failed.Wait();
                using var scope = torch.NewDisposeScope();
                var t = torch.Ones([4]);
                using var noGrad = torch.NoGrad();
                otherThreadResult = t.Sum().Item();
                Assert.Null(t.Grad); // td_grad returns null without an error; a stale error would throw here
            }
            catch (Exception e)
            {
                otherThreadError = e;
            }
            finally
            {
                checkedOther.Set();
            }
        });
        other.Start();

        using var s = torch.NewDisposeScope();
        Assert.Throws<TorchException>(() => torch.Ones([2, 3]).View(5));
        failed.Set();
        checkedOther.Wait();
        other.Join();
        Assert.Null(otherThreadError);
        Assert.Equal(4.0, otherThreadResult);
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_object_disposed()
    {
        var t = torch.Ones([3]);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.Exp());
        Assert.Throws<ObjectDisposedException>(() => t.Shape);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
        Assert.Equal("Tensor(disposed)", t.ToString());
        t.Dispose(); // a second dispose is harmless
    }

    [Fact]
    public void Passing_a_disposed_tensor_in_a_list_throws_object_disposed_instead_of_using_freed_memory()
    {
        // torch.Cat/Stack, GradClip and the optimisers' constructors pass tensor lists to the shim
        // through Tensor.Handles, which must refuse a disposed tensor rather than pass a freed pointer.
        using var scope = torch.NewDisposeScope();
        var alive = torch.Ones([2]);
        var dead = torch.Ones([2]);
        dead.Dispose();
        Assert.Throws<ObjectDisposedException>(() => torch.Cat([alive, dead]));
        Assert.Throws<ObjectDisposedException>(() => torch.Stack([dead, alive]));
        Assert.Throws<ObjectDisposedException>(() => GradClip.ClipGradNorm([dead], 1.0));
        Assert.Throws<ObjectDisposedException>(() => new AdamW([dead]));
    }

    [Fact]
    public void Split_with_size_zero_is_reported_as_an_argument_error_not_a_division_by_zero()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones([4]);
        var error = Record.Exception(() => x.Split(0));
        Assert.NotNull(error);
        Assert.True(error is TorchException or ArgumentException,
            $"Split(0) threw {error.GetType().Name}: {error.Message}");
    }

    [Fact]
    public void Managed_argument_errors_are_clear()
    {
        using var scope = torch.NewDisposeScope();
        var shape = Assert.Throws<ArgumentException>(() => torch.Tensor(new[] { 1f, 2f, 3f }, [2, 2]));
        Assert.Contains("holds 4 elements, data has 3", shape.Message);

        var dtype = Assert.Throws<ArgumentException>(() => torch.Ones([2]).ToArray<double>());
        Assert.Contains("Float32", dtype.Message);

        Assert.Throws<ArgumentException>(() => Device.Parse("tpu"));
        Assert.Equal(Device.Cuda(1), Device.Parse(" CUDA:1 "));
        Assert.Throws<ArgumentException>(() => new Nn.MultiheadAttention(10, 3));
    }
}
