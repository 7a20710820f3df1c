namespace TextDiffusion.Text;

/// <summary>
/// The PCG32 random generator (O'Neill 2014, "XSH RR" output, 64-bit state). It is written out here so
/// shuffles are identical on every platform and .NET version: a seed and a stream number fix the
/// whole sequence. Not for cryptography.
/// </summary>
public sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;
    private ulong state;
    private readonly ulong increment;

    /// <summary>A generator for (<paramref name="seed"/>, <paramref name="stream"/>); different streams are independent sequences.</summary>
    public Pcg32(ulong seed, ulong stream = 0)
    {
        increment = (stream << 1) | 1UL;
        state = 0;
        NextUInt();
        state += seed;
        NextUInt();
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextUInt()
    {
        ulong old = state;
        state = unchecked(old * Multiplier + increment);
        uint xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        int rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << ((-rotation) & 31));
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias.</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "must be positive");
        uint b = (uint)bound;
        uint threshold = (uint)(-(int)b) % b; // 2^32 mod b: reject the few values that would bias the result
        while (true)
        {
            uint r = NextUInt();
            if (r >= threshold) return (int)(r % b);
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        ulong bits = ((ulong)NextUInt() << 21) ^ (NextUInt() >> 11);
        return bits * (1.0 / (1UL << 53));
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
