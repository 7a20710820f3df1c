using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Torch;

/// <summary>
/// Inter-op parallelism: independent pieces of work (guided generations for different targets, say) run on several
/// .NET threads at once, each at one intra-op thread. On models as small as this package's cpu-profile ones, libtorch's
/// intra-op threads gain little, and two single-threaded workers finish two pieces sooner (bench/interop.sh, 2026-12-03,
/// 2 cores: two 40-step guided control generations 12.7–14.9 s two at a time against 17.2–17.9 s one after the other at two
/// threads, identical outputs with its random weights; training steps of a 128-wide transformer 1.18–1.25× sooner, of a
/// 256-wide one 1.04–1.14×, as larger products use two threads better). A worker's output equals that of the same work on
/// one intra-op thread alone; it may differ from the work's output on two intra-op threads, whose float sums run in another
/// order (notebook 02's trained models: some guided samples differ). Each worker draws the next item when it is free, so
/// the slowest items should come first. Results are returned in the items' order. The work must not share
/// mutable state (a model toggled between training and evaluation, a global generator); dispose scopes and the grad mode
/// are per thread.
/// </summary>
public static class InterOp
{
    /// <summary>
    /// <paramref name="work"/> of every item, on <paramref name="workers"/> threads (default: <see cref="torch.NumThreads"/>)
    /// each at one intra-op thread; the intra-op thread count is restored afterwards. One worker (or one item) runs them in
    /// order on the calling thread. The first exception a worker throws is rethrown once all workers have stopped.
    /// </summary>
    public static List<TResult> Map<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> work, int? workers = null)
    {
        int threads = torch.NumThreads;
        int count = Math.Min(workers ?? threads, items.Count);
        if (count <= 1) return items.Select(work).ToList();

        var results = new TResult[items.Count];
        var errors = new ConcurrentQueue<ExceptionDispatchInfo>();
        int next = -1;
        void Worker()
        {
            torch.NumThreads = 1;   // this thread's OpenMP and BLAS threads (libtorch's count is process-wide: restored below)
            int i;
            while (errors.IsEmpty && (i = Interlocked.Increment(ref next)) < items.Count)
            {
                try { results[i] = work(items[i]); }
                catch (Exception e) { errors.Enqueue(ExceptionDispatchInfo.Capture(e)); }
            }
        }
        var pool = Enumerable.Range(0, count).Select(k => new Thread(Worker) { Name = $"inter-op worker {k}", IsBackground = true }).ToList();
        try
        {
            pool.ForEach(t => t.Start());
            pool.ForEach(t => t.Join());
        }
        finally
        {
            torch.NumThreads = threads;
        }
        if (errors.TryPeek(out var first)) first.Throw();
        return [.. results];
    }
}
