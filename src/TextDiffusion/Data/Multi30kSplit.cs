namespace TextDiffusion.Data;

/// <summary>The Multi30k task-1 splits mirrored locally (29,000 / 1,014 / 1,000 pairs).</summary>
public enum Multi30kSplit
{
    Train,
    Val,
    Test2016,
}
