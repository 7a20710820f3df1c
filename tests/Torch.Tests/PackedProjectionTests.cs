using Torch.Nn;

namespace Torch.Tests;

public class PackedProjectionTests
{
    [Fact]
    public void PackedSelfAttentionProjectionEqualsSeparateProjections()
    {
        using var scope = torch.NewDisposeScope();
        using var attention = new MultiheadAttention(16, 4);
        attention.Eval();
        var x = torch.Randn([2, 5, 16]);
        var packed = attention.Forward(x, x, x);                        // one product with [W_q; W_k; W_v]
        var separate = attention.Forward(x, x.Alias(), x.Alias());      // different handles: three products
        Assert.True((packed - separate).Abs().Max().Item() < 1e-6);
    }
}
