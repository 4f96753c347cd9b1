using System.CommandLine;
using System.Reflection;

namespace Terminal.Simulator.Cli;

/// <summary>
/// The build this simulator runs from (the SDK's <see cref="AssemblyConfigurationAttribute"/>: Release or Debug), and
/// the rule that `bench` and `simulate` report no figures from a Debug build unless asked: its timings are several
/// times Release's (a sale 2,562 us against 779) and would be read as the product's.
/// </summary>
internal static class BuildConfiguration
{
    /// <summary>Release, Debug, or what the build was configured as.</summary>
    public static string Name { get; } =
        typeof(BuildConfiguration).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    /// <summary>The option that lets a command report figures from a build other than Release.</summary>
    public static Option<bool> AllowDebugOption() => new("--allow-debug")
    {
        Description = "Report figures even from a Debug build (its timings are several times Release's; ./terminal runs Release).",
    };

    /// <summary>Why <paramref name="command"/> refuses to run from a <paramref name="configuration"/> build; null when it may.</summary>
    public static string? Refusal(string command, string configuration, bool allowDebug) =>
        configuration == "Release" || allowDebug
            ? null
            : $"{command}: this is a {configuration} build, whose figures are not the product's; run it from Release (./terminal builds it) or pass --allow-debug";

    /// <summary>Throws <see cref="UsageException"/> when <paramref name="command"/> may not run here, else prints the build it reports from.</summary>
    public static void Check(string command, bool allowDebug, TextWriter output)
    {
        string? refusal = Refusal(command, Name, allowDebug);
        if (refusal != null)
        {
            throw new UsageException(refusal);
        }

        output.WriteLine(Name == "Release" ? "build: Release" : $"build: {Name} (--allow-debug: figures are not Release's)");
    }
}
