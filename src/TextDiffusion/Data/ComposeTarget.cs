namespace TextDiffusion.Data;

/// <summary>A Diffusion-LM composed control target: satisfy a POS sequence and an attribute at once.</summary>
public sealed record ComposeTarget(PosTarget Pos, AttributeTarget Attribute);
