using TextDiffusion.Text;

namespace TextDiffusion.Tests.Text;

public class Pcg32Tests
{
    [Fact]
    public void Matches_the_reference_pcg32_sequence()
    {
        // pcg32-demo from the PCG reference implementation: pcg32_srandom_r(&rng, 42u, 54u).
        var rng = new Pcg32(42, 54);
        uint[] expected = [0xa15c02b7, 0x7b47f409, 0xba1d3330, 0x83d2f293, 0xbfa4784b, 0xcbed606e];
        Assert.Equal(expected, Enumerable.Range(0, 6).Select(_ => rng.NextUInt()));
    }

    [Fact]
    public void Same_seed_same_shuffle_different_seed_different_shuffle()
    {
        int[] Shuffled(ulong seed)
        {
            var items = Enumerable.Range(0, 100).ToArray();
            new Pcg32(seed).Shuffle(items);
            return items;
        }
        Assert.Equal(Shuffled(7), Shuffled(7));
        Assert.NotEqual(Shuffled(7), Shuffled(8));
        Assert.Equal(Enumerable.Range(0, 100), Shuffled(7).Order());
    }

    [Fact]
    public void Bounded_ints_and_doubles_stay_in_range()
    {
        var rng = new Pcg32(1);
        var seen = new HashSet<int>();
        for (int i = 0; i < 2000; i++)
        {
            int v = rng.NextInt(7);
            Assert.InRange(v, 0, 6);
            seen.Add(v);
            Assert.InRange(rng.NextDouble(), 0.0, 0.9999999999);
        }
        Assert.Equal(7, seen.Count);
    }
}
