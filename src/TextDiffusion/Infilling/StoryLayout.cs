namespace TextDiffusion.Infilling;

/// <summary>The order in which a story triple is written into a training or prompt row.</summary>
public enum StoryLayout
{
    /// <summary>BOS obs1 middle obs2 EOS: the story in reading order (Diffusion-LM and the left-only AR model).</summary>
    Story,

    /// <summary>
    /// BOS obs2 obs1 middle EOS: the ending first, so a left-to-right model sees both observations before
    /// it writes the middle (the paper's "AR" row). No separator is needed: every sentence ends in punctuation.
    /// </summary>
    EndFirst,
}
