using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

/// <summary>The <see cref="TheoryAttribute"/> counterpart of <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!DataPaths.IsSharedDataPresent) Skip = SharedDataFactAttribute.SkipReason;
    }
}
