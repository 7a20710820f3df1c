namespace TextDiffusion.Data;

/// <summary>
/// The reference middles of an αNLG test example. Diffusion-LM's <c>dlm_test_cleanup_ref.json</c> maps
/// each id to its gold middles only; the observations are not in that file.
/// </summary>
public sealed record AnlgReference(string Id, IReadOnlyList<string> GoldMiddles);
