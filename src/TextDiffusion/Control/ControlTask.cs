namespace TextDiffusion.Control;

/// <summary>The five control tasks of Diffusion-LM's Table 2.</summary>
public enum ControlTask
{
    /// <summary>A field=value of the meaning representation must appear (exact value match).</summary>
    Semantic,
    /// <summary>The words' Universal POS tags must match a target sequence (word-level match).</summary>
    Pos,
    /// <summary>The sentence's constituency parse must match a target parse (EVALB-style bracket F1).</summary>
    Tree,
    /// <summary>A target span [i, j] must be a constituent with the target label.</summary>
    Spans,
    /// <summary>The sentence must have the target number of words (±2).</summary>
    Length,
}
