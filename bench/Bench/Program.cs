using System.Diagnostics;
using Torch;

namespace Bench;

/// <summary>
/// Benchmarks the binding against PyTorch eager on this machine: the achieved GFLOP/s of a 1024³
/// matmul (the machine's practical ceiling), then training steps of the same transformer in both,
/// interleaved one step each so that both see the same machine state. Prints the medians and the
/// median of the per-pair ratios on the last line.
/// Usage: Bench [pairs] [python], or Bench steps N: N training steps of our side alone on varying lengths, timed in-process
/// (bench/allocator.sh runs it with and without the binding's allocator setting), or Bench interop N: two models' N training
/// steps each (Bench interop N WIDTH: d_model WIDTH, default 256), one model after the other on every intra-op thread, then both
/// at once on one thread each (InterOp.Map); or Bench guided N: the same for two guided control generations of N steps
/// (GuidedGeneration), whose outputs must agree; or Bench profile PROFILE [DEVICE] [N]: N training steps of the profile's three
/// heaviest models at its sizes (ProfileSteps), and what its step budgets would take at that rate; or Bench dropout N: the shim's
/// dropout against libtorch's (DropoutMask).
/// </summary>
internal static class Program
{
    static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "steps") return Steps(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        if (args.Length > 0 && args[0] == "guided") return GuidedTwoAtATime(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        if (args.Length > 0 && args[0] == "profile")
            return ProfileSteps.Run(TextDiffusion.Profile.Parse(args[1]), Device.Parse(args.Length > 2 ? args[2] : "cpu"),
                args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10);
        if (args.Length > 0 && args[0] == "dropout") return DropoutMask.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50);
        if (args.Length > 0 && args[0] == "interop")
            return TwoAtATime(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 256);
        int pairs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
        string python = args.Length > 1 ? args[1] : "/usr/bin/python3";
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch_step.py");

        Console.WriteLine($"libtorch {torch.Version}, threads {torch.NumThreads}, BLAS: {torch.BlasLibraries}");
        MatmulCeiling();

        using var ours = new TransformerStep();
        for (int i = 0; i < 3; i++) ours.Step();

        using var py = Process.Start(new ProcessStartInfo(python, $"\"{script}\"")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {python}");
        string ready = py.StandardOutput.ReadLine() ?? throw new InvalidOperationException("PyTorch side exited: is python3-torch installed?");
        Console.WriteLine($"PyTorch side: {ready}");

        var oursMs = new List<double>();
        var torchMs = new List<double>();
        var ratios = new List<double>();
        for (int i = 0; i < pairs; i++)
        {
            py.StandardInput.WriteLine("step");
            double t = double.Parse(py.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
            var sw = Stopwatch.StartNew();
            ours.Step();
            double o = sw.Elapsed.TotalMilliseconds;
            oursMs.Add(o);
            torchMs.Add(t);
            ratios.Add(o / t);
            Console.WriteLine($"pair {i + 1,2}: ours {o,8:F1} ms   pytorch {t,8:F1} ms   ratio {o / t:F3}");
        }
        py.StandardInput.WriteLine("quit");
        py.WaitForExit();

        Console.WriteLine($"median step: ours {Median(oursMs):F1} ms, pytorch {Median(torchMs):F1} ms");
        Console.WriteLine($"ratio ours/pytorch: {Median(ratios):F3}");
        return 0;
    }

    static int Steps(int count)
    {
        using var ours = new TransformerStep();
        for (int i = 0; i < 3; i++) ours.Step();
        var times = new List<double>();
        for (int i = 0; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            ours.Step(Lengths[i % Lengths.Length]);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(FormattableString.Invariant($"mean step: {times.Average():F1} ms over {count} steps of lengths {string.Join("/", Lengths)}, {torch.NumThreads} threads"));
        return 0;
    }

    static int TwoAtATime(int count, int width)
    {
        using var first = new TransformerStep(width);
        using var second = new TransformerStep(width);
        var (alone, both, _, _) = OneAfterTheOtherThenTogether([first, second], model =>
        {
            for (int i = 0; i < count; i++) model.Step();
            return count;
        });
        Console.WriteLine(FormattableString.Invariant(
            $"two models (width {width}) x {count} steps: one after the other at {torch.NumThreads} threads {alone:F1} s, two at a time at one thread each {both:F1} s ({alone / both:F2}x)"));
        return 0;
    }

    static int GuidedTwoAtATime(int steps)
    {
        using var generation = new GuidedGeneration();
        var (alone, both, oneAfterTheOther, together) = OneAfterTheOtherThenTogether([1, 2], seed => generation.Run(steps, seed));
        bool same = oneAfterTheOther.Zip(together).All(p => p.First.SequenceEqual(p.Second));
        Console.WriteLine(FormattableString.Invariant(
            $"two guided generations x {steps} steps: one after the other at {torch.NumThreads} threads {alone:F1} s, two at a time at one thread each {both:F1} s ({alone / both:F2}x); outputs {(same ? "identical" : "DIFFER")}"));
        return same ? 0 : 1;
    }

    /// <summary>After one warm-up call per item: the work of every item one after the other, then on InterOp.Map's workers (seconds, results).</summary>
    static (double Alone, double Both, List<TResult> OneAfterTheOther, List<TResult> Together) OneAfterTheOtherThenTogether<T, TResult>(T[] items, Func<T, TResult> work)
    {
        foreach (var item in items) work(item);
        var clock = Stopwatch.StartNew();
        var oneAfterTheOther = items.Select(work).ToList();
        double alone = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var together = InterOp.Map(items, work);
        return (alone, clock.Elapsed.TotalSeconds, oneAfterTheOther, together);
    }

    // Sequence lengths that change from step to step, as length-bucketed batches do (notebook 03's seq2seq
    // models): a fixed shape lets glibc's adaptive mmap threshold settle and hides the page faults.
    static readonly long[] Lengths = [17, 40, 23, 64, 12, 31, 50, 9];

    static void MatmulCeiling()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Randn([1024, 1024]);
        var b = torch.Randn([1024, 1024]);
        for (int i = 0; i < 3; i++) a.MatMul(b).Dispose();
        var times = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            var sw = Stopwatch.StartNew();
            a.MatMul(b).Dispose();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        double gflops = 2.0 * 1024 * 1024 * 1024 / Median(times) / 1e9;
        Console.WriteLine($"matmul 1024^3: {gflops:F1} GFLOP/s (median of 10)");
    }

    internal static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
