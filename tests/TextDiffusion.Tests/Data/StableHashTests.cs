using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class StableHashTests
{
    [Fact]
    public void Hash_is_fixed_across_runs()
    {
        // Reference values from an independent (Python) implementation; they must never change,
        // or every split made with them would move.
        Assert.Equal(0x25B364FC7E52112DUL, StableHash.Hash64("name=alimentum"));
        Assert.NotEqual(StableHash.Hash64("name=alimentum"), StableHash.Hash64("name=alimentun"));
        Assert.Equal(0xEFD01F60BA992926UL, StableHash.Hash64("")); // FNV offset basis, finalised
    }

    [Fact]
    public void Unit_interval_splits_similar_strings_evenly()
    {
        // Keys that differ only in their last characters, as E2E MR keys do.
        int below = Enumerable.Range(0, 2000).Count(i => StableHash.UnitInterval($"area=riverside|name=place{i}") < 0.5);
        Assert.InRange(below, 900, 1100);
    }
}
