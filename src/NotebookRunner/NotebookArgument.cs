using System.CommandLine;

namespace NotebookRunner;

/// <summary>The command-line argument naming notebooks, shared by NotebookRunner and <c>td reproduce</c>.</summary>
public static class NotebookArgument
{
    /// <summary>An argument of .ipynb paths that must exist; an unknown option (which lands here as a path) is named as such.</summary>
    public static Argument<FileInfo[]> Create(string name, string description, ArgumentArity arity)
    {
        var argument = new Argument<FileInfo[]>(name) { Description = description, Arity = arity };
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value))
            {
                var file = new FileInfo(token);
                if (token.StartsWith('-'))
                {
                    result.AddError($"Unknown option '{token}'.");
                }
                else if (!file.Exists)
                {
                    result.AddError($"Notebook not found: {file.FullName}");
                }
                else if (!file.Extension.Equals(".ipynb", StringComparison.OrdinalIgnoreCase))
                {
                    result.AddError($"Not a notebook (.ipynb): {file.FullName}");
                }
            }
        });
        return argument;
    }
}
