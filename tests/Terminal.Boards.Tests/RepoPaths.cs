namespace Terminal.Boards.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string BoardConfigs => Path.Combine(Root, "board-configs");

    public static string DeviceProject => Path.Combine(Root, "firmware", "Terminal.Device");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Terminal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Terminal.sln not found above " + AppContext.BaseDirectory);
    }
}
