namespace Torch.Tests;

/// <summary>
/// Inter-op workers: results in the items' order, one intra-op thread per worker and the count restored afterwards, a worker's
/// exception rethrown, and autograd work on two threads giving exactly what it gives on one. Runs alone (the intra-op thread
/// count is process-wide).
/// </summary>
[Collection(SerialCollection.Name)]
public class InterOpTests
{
    [Fact]
    public void Results_come_back_in_the_items_order_from_several_threads_each_at_one_intra_op_thread()
    {
        int before = torch.NumThreads;
        var items = Enumerable.Range(0, 8).ToList();
        var seen = InterOp.Map(items, i =>
        {
            Thread.Sleep(20 * (8 - i));   // the first items finish last
            return (Item: i, Thread: Environment.CurrentManagedThreadId, IntraOp: torch.NumThreads);
        }, workers: 2);

        Assert.Equal(items, seen.Select(x => x.Item));
        Assert.Equal(2, seen.Select(x => x.Thread).Distinct().Count());
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, seen.Select(x => x.Thread));
        Assert.All(seen, x => Assert.Equal(1, x.IntraOp));
        Assert.Equal(before, torch.NumThreads);
    }

    [Fact]
    public void One_worker_runs_the_items_in_order_on_the_calling_thread()
    {
        var order = new List<int>();
        var threads = InterOp.Map([0, 1, 2], i => { order.Add(i); return Environment.CurrentManagedThreadId; }, workers: 1);
        Assert.Equal([0, 1, 2], order);
        Assert.All(threads, t => Assert.Equal(Environment.CurrentManagedThreadId, t));
    }

    [Fact]
    public void A_workers_exception_is_rethrown_and_the_thread_count_restored()
    {
        int before = torch.NumThreads;
        var error = Assert.Throws<InvalidOperationException>(() => InterOp.Map([0, 1, 2, 3], i =>
            i == 2 ? throw new InvalidOperationException("item 2 failed") : i, workers: 2));
        Assert.Equal("item 2 failed", error.Message);
        Assert.Equal(before, torch.NumThreads);
    }

    [Fact]
    public void Gradients_computed_on_two_threads_equal_those_computed_one_after_the_other()
    {
        static float[] Gradient(int seed)
        {
            using var scope = torch.NewDisposeScope();
            using var generator = new Generator((ulong)seed);
            var w = torch.Randn([64, 64], generator: generator);
            var x = torch.Randn([32, 64], generator: generator).RequiresGrad_();
            var h = x;
            for (int layer = 0; layer < 20; layer++) h = h.MatMul(w).Tanh();   // a little depth, so the two threads overlap
            h.Pow(2).Sum().Backward();
            return x.Grad!.ToArray<float>();
        }
        var seeds = Enumerable.Range(0, 6).ToList();
        var alone = InterOp.Map(seeds, Gradient, workers: 1);
        var together = InterOp.Map(seeds, Gradient, workers: 2);
        for (int i = 0; i < seeds.Count; i++) Assert.Equal(alone[i], together[i]);
    }
}
