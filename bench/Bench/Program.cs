namespace Bench;

internal static class Program
{
    static int Main(string[] args) => 0;
}
