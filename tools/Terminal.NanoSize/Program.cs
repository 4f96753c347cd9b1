using System.Globalization;
using Terminal.NanoSize;

// terminal-nano-size ASSEMBLY.dll [--method-bodies N] [--strings N] [--signatures N]
// Prints the assembly's figures against its budget; exits 1, with one line per table over budget, when it does not fit.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: Terminal.NanoSize ASSEMBLY.dll [--method-bodies N] [--strings N] [--signatures N]");
    return args.Length == 0 ? 2 : 0;
}

Budget budget = Budget.Default;
for (int i = 1; i < args.Length; i += 2)
{
    if (i + 1 >= args.Length || !long.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
    {
        Console.Error.WriteLine($"nano-size: {args[i]} needs a number of bytes");
        return 2;
    }

    Budget? changed = args[i] switch
    {
        "--method-bodies" => budget with { MethodBodies = value },
        "--strings" => budget with { Strings = value },
        "--signatures" => budget with { Signatures = value },
        _ => null,
    };
    if (changed == null)
    {
        Console.Error.WriteLine($"nano-size: unknown option {args[i]} (--method-bodies, --strings, --signatures)");
        return 2;
    }

    budget = changed;
}

AssemblySize size;
try
{
    size = AssemblySize.Measure(args[0]);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
{
    Console.Error.WriteLine($"nano-size: cannot read {args[0]}: {e.Message}");
    return 2;
}

IReadOnlyList<string> over = budget.Check(size);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"nano-size: {size.Name}: method bodies {size.MethodBodies:N0}/{budget.MethodBodies:N0}, strings {size.Strings:N0}/{budget.Strings:N0}, signatures {size.Signatures:N0}/{budget.Signatures:N0}"));
foreach (string line in over)
{
    // MSBuild's error format, so the build names the assembly and its figures.
    Console.WriteLine($"{args[0]}: error NANOSIZE: {line}");
}

return over.Count == 0 ? 0 : 1;
