using System.Diagnostics;
using System.Globalization;
using Torch.Nn;
using Torch.Optim;
using Xunit.Abstractions;

namespace Torch.Tests;

/// <summary>
/// A long training run must not leak: with a dispose scope per step, the process's resident memory
/// after warm-up stays flat. Runs alone (RSS is process-wide).
/// </summary>
[Collection(SerialCollection.Name)]
public class MemoryTests(ITestOutputHelper output)
{
    const int Steps = 2000;
    const int WarmupStep = 200;
    const double MaxGrowthMb = 50;

    sealed class TinyEncoder : Module
    {
        readonly Embedding embedding;
        readonly ModuleList<TransformerEncoderLayer> layers;
        readonly Linear head;

        public TinyEncoder(long vocab, TransformerLayerOptions options, int depth)
        {
            embedding = Register("embed", new Embedding(vocab, options.ModelDim, initStd: 0.1));
            layers = Register("layers", new ModuleList<TransformerEncoderLayer>(
                Enumerable.Range(0, depth).Select(_ => new TransformerEncoderLayer(options))));
            head = Register("head", new Linear(options.ModelDim, vocab));
        }

        public Tensor Forward(Tensor ids, Tensor padding)
        {
            var x = embedding.Forward(ids);
            foreach (var layer in layers.Items) x = layer.Forward(x, padding);
            return head.Forward(x);
        }
    }

    /// <summary>Resident set size in MB, after a full garbage collection (so that finalisers have run).</summary>
    static double ResidentMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        return Environment.WorkingSet / (1024.0 * 1024.0);
    }

    [Fact]
    public void Training_a_transformer_for_2000_steps_does_not_grow_resident_memory()
    {
        // One intra-op thread: at this size two OpenMP threads gain nothing, and on a shared, loaded
        // 2-core machine their barriers made a step ~25x slower (424 ms against 15 ms). The test
        // runs alone, so changing the process-wide setting is safe; it is restored afterwards.
        int threads = torch.NumThreads;
        torch.NumThreads = 1;
        try
        {
            Train();
        }
        finally
        {
            torch.NumThreads = threads;
        }
    }

    /// <summary>Minor page faults of this process so far (field 10 of /proc/self/stat).</summary>
    static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": field 3 onwards
        return long.Parse(fields[10 - 3], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Memory freed at the end of a step must come back from the heap at the next one, not from the kernel. A
    /// step here allocates ten 4 MB activations and frees them all. With glibc's defaults the heap's free top
    /// (40 MB) is above its trim threshold and goes back to the kernel, so every step page-faults its
    /// activations in afresh (on a Difformer training step: 17 % of its time in the kernel, 330 against 269 ms per step). Fails without the
    /// binding's allocator setting (Native.KeepFreedMemoryInTheHeap; run with MALLOC_CHECK_=0 to see it fail).
    /// </summary>
    [Fact]
    public void Memory_freed_by_a_step_is_reused_by_the_next_without_page_faults()
    {
        if (!OperatingSystem.IsLinux()) return;
        const int Rounds = 60, Activations = 10;
        const long Floats = 1 << 20;                            // 4 MB each
        void Step()
        {
            var activations = new List<Tensor>();
            for (int i = 0; i < Activations; i++) activations.Add(torch.Ones([Floats])); // Ones writes every page
            foreach (var a in activations) a.Dispose();
        }
        Step();                                                  // the first step may fault its pages in
        long before = MinorFaults();
        for (int r = 0; r < Rounds; r++) Step();
        long faults = MinorFaults() - before;
        long pages = Rounds * Activations * Floats * 4 / Environment.SystemPageSize;
        output.WriteLine($"{faults} minor page faults over {Rounds} steps of {Activations} × 4 MB ({pages} pages if each came fresh from the kernel)");
        Assert.True(faults < pages / 10, $"{faults} page faults over {Rounds} steps: memory freed by a step goes back to the kernel");
    }

    void Train()
    {
        const long vocab = 50, batch = 8, length = 16;
        var options = new TransformerLayerOptions(ModelDim: 64, Heads: 4, FeedForwardDim: 128, Dropout: 0.1);
        using var model = new TinyEncoder(vocab, options, depth: 2);
        model.Train();
        using var optimizer = new AdamW(model.Parameters(), lr: 1e-3, weightDecay: 0.01);
        using var ema = new ExponentialMovingAverage(model, decay: 0.99);
        var schedule = new LinearDecaySchedule(TotalSteps: Steps * 2, WarmupSteps: 100);
        using var data = new Generator(42);
        using var positions = DisposeScope.Detach(torch.Arange(length).Unsqueeze(0));

        double rssWarm = 0, rssEnd = 0;
        var losses = new List<double>();
        var clock = Stopwatch.StartNew();
        double warmSeconds = 0;
        for (int step = 1; step <= Steps; step++)
        {
            using (var scope = torch.NewDisposeScope())
            {
                var ids = torch.RandInt(1, vocab, [batch, length], generator: data);
                var lengths = torch.RandInt(length / 2, length + 1, [batch, 1], generator: data);
                var padding = positions.Ge(lengths);                      // true at padded positions
                var target = ids.MaskedFill(padding, -100);
                var logits = model.Forward(ids, padding);
                var loss = F.CrossEntropy(logits.Reshape(-1, vocab), target.Reshape(-1), labelSmoothing: 0.1);

                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.ClipGradNorm(1.0);
                schedule.Apply(optimizer, 1e-3, step);
                optimizer.Step();
                ema.Update();
                losses.Add(loss.Item());
            }

            if (step == WarmupStep)
            {
                rssWarm = ResidentMb();
                warmSeconds = clock.Elapsed.TotalSeconds;
            }
        }
        rssEnd = ResidentMb();
        double seconds = clock.Elapsed.TotalSeconds;

        double firstLoss = losses.Take(50).Average(), lastLoss = losses.TakeLast(50).Average();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RSS at step {WarmupStep}: {rssWarm:F1} MB; at step {Steps}: {rssEnd:F1} MB; growth {rssEnd - rssWarm:F1} MB (limit {MaxGrowthMb} MB)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Steps} steps in {seconds:F1} s ({(Steps - WarmupStep) / (seconds - warmSeconds):F0} steps/s after warm-up), {torch.NumThreads} threads"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loss: first 50 steps {firstLoss:F3}, last 50 steps {lastLoss:F3}"));

        Assert.True(rssEnd - rssWarm < MaxGrowthMb,
            $"resident memory grew by {rssEnd - rssWarm:F1} MB between step {WarmupStep} and step {Steps} (a leak)");
        // The run must be real training, not a no-op: a copy task is learnt quickly.
        Assert.True(lastLoss < 0.5 * firstLoss, $"the loss did not fall: {firstLoss:F3} → {lastLoss:F3}");
    }
}
