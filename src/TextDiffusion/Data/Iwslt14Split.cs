namespace TextDiffusion.Data;

/// <summary>The IWSLT14 De–En splits mirrored locally (valid 7,283 and test 6,750 pairs; train is not).</summary>
public enum Iwslt14Split
{
    Valid,
    Test,
}
