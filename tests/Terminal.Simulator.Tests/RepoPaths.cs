namespace Terminal.Simulator.Tests;

/// <summary>Finds the repository root from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Terminal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Terminal.sln not found above " + AppContext.BaseDirectory);
    }
}
