namespace TextDiffusion.Data;

/// <summary>One attribute of an E2E meaning representation, e.g. (<c>area</c>, <c>city centre</c>).</summary>
/// <param name="Field">Canonical field name (see <see cref="E2eFields"/>), the same for both file formats.</param>
/// <param name="Value">The value as written in the file (Diffusion-LM's files hold tokenized values such as "£ 20 - 25").</param>
public sealed record MrSlot(string Field, string Value);
