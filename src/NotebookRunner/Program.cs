namespace NotebookRunner;

internal static class Program
{
    static int Main(string[] args)
    {
        Console.Error.WriteLine("notebook runner: not built yet");
        return 2;
    }
}
