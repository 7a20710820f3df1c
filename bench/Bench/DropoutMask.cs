using System.Diagnostics;
using Torch;

namespace Bench;

/// <summary>
/// Dropout on the CPU: the shim's <see cref="F.Dropout"/> (its mask drawn in blocks) against libtorch's own composite,
/// x·(bernoulli_(1 − p) / (1 − p)), on a Difformer FFN activation of the cpu profile ([64, 16, 512], p = 0.1), interleaved,
/// from the same seed each time; the two must agree bit for bit (DropoutTests checks the same in the unit tests).
/// </summary>
internal static class DropoutMask
{
    public static int Run(int rounds)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Randn([64, 16, 512]);
        const double p = 0.1;
        Tensor Ours() => F.Dropout(x, p, training: true);
        Tensor Libtorch()
        {
            using var noise = torch.ZerosLike(x).Bernoulli_(1 - p);
            using var scaled = noise / (1 - p);
            return x * scaled;
        }

        var ours = new List<double>();
        var theirs = new List<double>();
        bool same = true;
        for (int i = 0; i < rounds + 3; i++)
        {
            torch.ManualSeed((ulong)i);
            var clock = Stopwatch.StartNew();
            using var a = Ours();
            double o = clock.Elapsed.TotalMilliseconds;
            torch.ManualSeed((ulong)i);
            clock.Restart();
            using var b = Libtorch();
            double t = clock.Elapsed.TotalMilliseconds;
            if (i < 3) continue;   // warm-up
            ours.Add(o);
            theirs.Add(t);
            using var equal = a.Eq(b).All();
            same &= equal.Item() != 0;
        }
        double mo = Program.Median(ours), mt = Program.Median(theirs);
        Console.WriteLine(FormattableString.Invariant(
            $"dropout [64, 16, 512], p = {p}, {torch.NumThreads} thread(s), median of {rounds}: shim {mo:F2} ms, libtorch's bernoulli_ composite {mt:F2} ms ({mt / mo:F1}x); masks {(same ? "identical" : "DIFFER")}"));
        return same ? 0 : 1;
    }
}
