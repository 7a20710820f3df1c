namespace TextDiffusion.Infilling;

/// <summary>
/// A row to infill: BOS obs1 [<see cref="MiddleLength"/> free slots] obs2 EOS PAD…, with
/// <see cref="Fixed"/> true at every known position (context, specials and the padding after EOS) and
/// false at the free slots, which start at <see cref="MiddleStart"/> (their ids in <see cref="Ids"/> are PAD).
/// </summary>
public sealed record InfillTemplate(long[] Ids, bool[] Fixed, int MiddleStart, int MiddleLength);
