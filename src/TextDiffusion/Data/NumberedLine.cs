namespace TextDiffusion.Data;

/// <summary>One line of a text file with its 1-based line number.</summary>
public readonly record struct NumberedLine(int Number, string Text);
