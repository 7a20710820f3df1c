using System.Text;

namespace TextDiffusion.Data;

/// <summary>
/// A stable 64-bit string hash: FNV-1a over the UTF-8 bytes, followed by MurmurHash3's 64-bit
/// finaliser so that every output bit depends on every input byte (plain FNV-1a barely changes its
/// high bits when only the last characters differ, which would bias "hash below x%" decisions).
/// Unlike <see cref="string.GetHashCode()"/>, which is randomised per process, it gives the same value
/// on every run and platform, so splits made with it are reproducible.
/// </summary>
public static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static ulong Hash64(string text)
    {
        ulong hash = OffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= Prime;
        }
        return Finalise(hash);
    }

    private static ulong Finalise(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>A number in [0, 1) fixed by <paramref name="text"/>, for "put x% of items aside" decisions.</summary>
    public static double UnitInterval(string text) => (Hash64(text) >> 11) * (1.0 / (1UL << 53));
}
