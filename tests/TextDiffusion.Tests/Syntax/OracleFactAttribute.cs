using TextDiffusion.Data;
using TextDiffusion.Syntax;

namespace TextDiffusion.Tests.Syntax;

/// <summary>The external tool a test needs.</summary>
public enum Oracle
{
    LinkGrammar,
    LinguaTagger,
}

/// <summary>
/// A fact that needs link-grammar or Lingua::EN::Tagger (Debian packages that scripts/setup.sh installs) and,
/// optionally, the real data in ../shared/data. xunit 2 has no dynamic skip, so the attribute sets
/// <see cref="FactAttribute.Skip"/> itself, with the reason, when either is missing.
/// </summary>
public sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute(Oracle oracle, bool needsSharedData = false)
    {
        string? reason = oracle switch
        {
            Oracle.LinkGrammar => LinkGrammarParser.UnavailableReason,
            _ => PosTagger.UnavailableReason,
        };
        if (reason is not null) Skip = reason;
        else if (needsSharedData && !DataPaths.IsSharedDataPresent) Skip = TextDiffusion.Tests.Data.SharedDataFactAttribute.SkipReason;
    }
}
