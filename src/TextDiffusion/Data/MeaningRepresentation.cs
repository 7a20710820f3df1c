using System.Text;

namespace TextDiffusion.Data;

/// <summary>
/// An E2E meaning representation: the attribute/value pairs in file order. Two MRs are equal when
/// their <see cref="Key"/>s are equal: fields sorted, values lowercased with all whitespace removed,
/// so that "price : £ 20 - 25" (Diffusion-LM) and "priceRange[£20-25]" (official) are the same MR.
/// </summary>
public sealed record MeaningRepresentation
{
    public MeaningRepresentation(IReadOnlyList<MrSlot> slots)
    {
        if (slots.Count == 0) throw new ArgumentException("a meaning representation needs at least one slot", nameof(slots));
        Slots = slots;
        Key = BuildKey(slots);
    }

    /// <summary>The slots in the order the file wrote them.</summary>
    public IReadOnlyList<MrSlot> Slots { get; }

    /// <summary>Normalised form used for equality, hashing and the train/eval split.</summary>
    public string Key { get; }

    /// <summary>The value of a (canonical) field, or null when the MR does not mention it.</summary>
    public string? this[string field] => Slots.FirstOrDefault(s => s.Field == field)?.Value;

    public bool Equals(MeaningRepresentation? other) => other is not null && Key == other.Key;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => ToOfficialString();

    /// <summary>Diffusion-LM's spelling: <c>name : X | Type : pub | ...</c>.</summary>
    public string ToDiffusionLmString() =>
        string.Join(" | ", Slots.Select(s => $"{E2eFields.ToDiffusionLm(s.Field)} : {s.Value}"));

    /// <summary>The official CSV spelling: <c>name[X], eatType[pub], ...</c>.</summary>
    public string ToOfficialString() => string.Join(", ", Slots.Select(s => $"{s.Field}[{s.Value}]"));

    /// <summary>Parses <c>name : The Vaults | Type : pub | ...</c>; throws <see cref="FormatException"/> when malformed.</summary>
    public static MeaningRepresentation ParseDiffusionLm(string text)
    {
        var slots = new List<MrSlot>();
        foreach (string segment in text.Split('|'))
        {
            int colon = segment.IndexOf(':');
            if (colon < 0) throw new FormatException($"MR segment \"{segment.Trim()}\" has no ':' between field and value");
            slots.Add(MakeSlot(segment[..colon], segment[(colon + 1)..]));
        }
        return new MeaningRepresentation(slots);
    }

    /// <summary>Parses <c>name[The Vaults], eatType[pub], ...</c>; throws <see cref="FormatException"/> when malformed.</summary>
    public static MeaningRepresentation ParseOfficial(string text)
    {
        var slots = new List<MrSlot>();
        int i = 0;
        while (true)
        {
            int open = text.IndexOf('[', i);
            if (open < 0) throw new FormatException($"expected 'field[value]' at column {i + 1} of the MR");
            int close = text.IndexOf(']', open + 1);
            if (close < 0) throw new FormatException($"unclosed '[' at column {open + 1} of the MR");
            slots.Add(MakeSlot(text[i..open], text[(open + 1)..close]));
            i = close + 1;
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) break;
            if (text[i] != ',') throw new FormatException($"expected ',' after ']' at column {i + 1} of the MR");
            i++;
        }
        return new MeaningRepresentation(slots);
    }

    private static MrSlot MakeSlot(string field, string value)
    {
        string? canonical = E2eFields.ToCanonical(field);
        if (canonical is null) throw new FormatException($"unknown E2E field \"{field.Trim()}\"");
        string v = value.Trim();
        if (v.Length == 0) throw new FormatException($"field \"{field.Trim()}\" has an empty value");
        return new MrSlot(canonical, v);
    }

    private static string BuildKey(IReadOnlyList<MrSlot> slots)
    {
        var parts = slots
            .Select(s => s.Field + "=" + new string(s.Value.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant())
            .OrderBy(p => p, StringComparer.Ordinal);
        return new StringBuilder().AppendJoin('|', parts).ToString();
    }
}

/// <summary>One attribute of an E2E meaning representation, e.g. (<c>area</c>, <c>city centre</c>).</summary>
/// <param name="Field">Canonical field name (see <see cref="E2eFields"/>), the same for both file formats.</param>
/// <param name="Value">The value as written in the file (Diffusion-LM's files hold tokenized values such as "£ 20 - 25").</param>
public sealed record MrSlot(string Field, string Value);
