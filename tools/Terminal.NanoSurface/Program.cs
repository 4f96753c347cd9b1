using Terminal.NanoSurface;

// Terminal.NanoSurface: the nanoFramework API surface the device code compiles against (docs/device-build.md).
//
//   extract --real PATH... --out FILE [--declared-in PATH...] [--header TEXT]...
//       writes the sorted manifest of the real library assemblies (files, or directories of *.dll); with
//       --declared-in (the stub assemblies) only the types and member names the stubs declare.
//   verify --stubs PATH... --manifest FILE
//       prints one line per stub line the manifest lacks; exit status 1 when there is any.
//
// Exit status: 0 done / verified, 1 mismatches, 2 usage or input error.
try
{
    return Run(args);
}
catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException or FormatException)
{
    Console.Error.WriteLine("nano-surface: " + e.Message);
    return 2;
}

static int Run(string[] args)
{
    if (args.Length == 0)
    {
        throw new ArgumentException("usage: extract --real PATH... --out FILE [--declared-in PATH...] [--header TEXT]... | verify --stubs PATH... --manifest FILE");
    }

    Dictionary<string, List<string>> options = Options(args[1..]);
    switch (args[0])
    {
        case "extract":
            Manifest manifest = SurfaceCheck.Extract(Required(options, "--real"), options.GetValueOrDefault("--declared-in"));
            manifest.Save(Single(options, "--out"), options.GetValueOrDefault("--header") ?? []);
            return 0;
        case "verify":
            IReadOnlyList<string> problems = SurfaceCheck.Verify(Required(options, "--stubs"), Manifest.Load(Single(options, "--manifest")));
            foreach (string problem in problems)
            {
                Console.WriteLine(problem);
            }

            Console.WriteLine(problems.Count == 0 ? "nano-surface: the stubs match the manifest" : "nano-surface: " + problems.Count + " mismatch(es)");
            return problems.Count == 0 ? 0 : 1;
        default:
            throw new ArgumentException("unknown verb " + args[0] + " (extract or verify)");
    }
}

// "--name v1 v2 --other v3": each option takes the values up to the next option.
static Dictionary<string, List<string>> Options(string[] args)
{
    var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
    List<string>? current = null;
    foreach (string arg in args)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal))
        {
            if (!options.TryGetValue(arg, out current))
            {
                options[arg] = current = [];
            }
        }
        else if (current == null)
        {
            throw new ArgumentException("a value before any option: " + arg);
        }
        else
        {
            current.Add(arg);
        }
    }

    return options;
}

static List<string> Required(Dictionary<string, List<string>> options, string name)
    => options.TryGetValue(name, out List<string>? values) && values.Count > 0 ? values : throw new ArgumentException(name + " needs at least one value");

static string Single(Dictionary<string, List<string>> options, string name)
    => Required(options, name) is [string one] ? one : throw new ArgumentException(name + " takes one value");
