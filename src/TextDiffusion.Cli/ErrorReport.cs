using System.Reflection;

namespace TextDiffusion.Cli;

/// <summary>A mistake in what the user asked for, reported as its message alone.</summary>
internal sealed class UserError(string message) : Exception(message);

/// <summary>
/// How <c>td</c> reports an error: <c>error: </c> and the message (which names the file, line or value and what was
/// expected), then a hint; the stack trace only with <c>--verbose</c>.
/// </summary>
internal static class ErrorReport
{
    public static async Task WriteAsync(TextWriter error, Exception exception, bool verbose)
    {
        var e = Unwrap(exception);
        await error.WriteLineAsync($"error: {e.Message}");
        await error.WriteLineAsync(verbose ? e.ToString() : "(run again with --verbose for the stack trace)");
    }

    static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        _ => e,
    };
}
