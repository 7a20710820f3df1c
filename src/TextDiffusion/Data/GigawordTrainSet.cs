namespace TextDiffusion.Data;

/// <summary>
/// The Gigaword training pairs built from the dev subsets, with the bookkeeping of how they were built.
/// </summary>
/// <param name="Pairs">Distinct (article, headline) pairs, in file order, none with a test article.</param>
/// <param name="PairsRead">Pairs read from all source files together.</param>
/// <param name="DuplicatesRemoved">Pairs dropped because the same (article, headline) was already kept.</param>
/// <param name="TestOverlapRemoved">Pairs dropped because their article is one of the 1,951 test articles.</param>
public sealed record GigawordTrainSet(IReadOnlyList<SentencePair> Pairs, int PairsRead, int DuplicatesRemoved, int TestOverlapRemoved);
