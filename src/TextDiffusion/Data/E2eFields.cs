namespace TextDiffusion.Data;

/// <summary>
/// The eight E2E attributes. Canonical names are the official CSV's (<c>eatType</c>, <c>priceRange</c>,
/// <c>familyFriendly</c>, ...); Diffusion-LM's files spell three of them differently
/// (<c>Type</c>, <c>price</c>, <c>family friendly</c>). Both spellings map to the canonical one.
/// </summary>
public static class E2eFields
{
    public const string Name = "name";
    public const string EatType = "eatType";
    public const string Food = "food";
    public const string PriceRange = "priceRange";
    public const string CustomerRating = "customer rating";
    public const string Area = "area";
    public const string FamilyFriendly = "familyFriendly";
    public const string Near = "near";

    /// <summary>Canonical names in the order the official data lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Name, EatType, Food, PriceRange, CustomerRating, Area, FamilyFriendly, Near];

    private static readonly Dictionary<string, string> DiffusionLmNames = new()
    {
        [Name] = "name", [EatType] = "Type", [Food] = "food", [PriceRange] = "price",
        [CustomerRating] = "customer rating", [Area] = "area", [FamilyFriendly] = "family friendly", [Near] = "near",
    };

    private static readonly Dictionary<string, string> ToCanonicalMap = BuildCanonicalMap();

    private static Dictionary<string, string> BuildCanonicalMap()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (canonical, dlm) in DiffusionLmNames)
        {
            map[canonical] = canonical;
            map[dlm] = canonical;
        }
        return map;
    }

    /// <summary>The canonical name for a field written in either format; null when the field is unknown.</summary>
    public static string? ToCanonical(string field) =>
        ToCanonicalMap.TryGetValue(field.Trim(), out var canonical) ? canonical : null;

    /// <summary>The spelling Diffusion-LM's files use for a canonical field name.</summary>
    public static string ToDiffusionLm(string canonicalField) =>
        DiffusionLmNames.TryGetValue(canonicalField, out var name)
            ? name
            : throw new ArgumentException($"unknown E2E field '{canonicalField}'", nameof(canonicalField));
}
