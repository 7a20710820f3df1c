namespace TextDiffusion.Data;

/// <summary>
/// A Diffusion-LM semantic-content control target: generate a sentence that realises one
/// field/value pair, e.g. <c>["name", ":", "The", "Vaults"]</c>.
/// </summary>
/// <param name="Field">Canonical field name (see <see cref="E2eFields"/>).</param>
/// <param name="Value">The value, tokens joined by single spaces (e.g. "The Vaults").</param>
/// <param name="Tokens">The tokens as stored in the file, field spelling and ':' included.</param>
public sealed record AttributeTarget(string Field, string Value, IReadOnlyList<string> Tokens)
{
    /// <summary>Splits <c>field tokens, ":", value tokens</c>; throws <see cref="FormatException"/> when malformed.</summary>
    public static AttributeTarget FromTokens(IReadOnlyList<string> tokens)
    {
        int colon = tokens.ToList().IndexOf(":");
        if (colon <= 0 || colon == tokens.Count - 1)
            throw new FormatException("attribute target must be field tokens, \":\", value tokens");
        string field = string.Join(" ", tokens.Take(colon));
        string canonical = E2eFields.ToCanonical(field) ?? throw new FormatException($"unknown E2E field \"{field}\"");
        return new AttributeTarget(canonical, string.Join(" ", tokens.Skip(colon + 1)), tokens);
    }
}
