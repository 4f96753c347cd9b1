using TextsGen;

// TextsGen [--check] [TSV] [OUTPUT]: writes Texts.Generated.cs from Texts.tsv; with --check, exits 1 when the file on
// disk is not what the data file makes (and writes nothing).
bool check = args.Contains("--check");
string[] paths = args.Where(a => a != "--check").ToArray();
string root = FindRoot();
string tsv = paths.Length > 0 ? paths[0] : Path.Combine(root, "firmware/Terminal.Core.Payments/Ui/Texts.tsv");
string output = paths.Length > 1 ? paths[1] : Path.Combine(Path.GetDirectoryName(tsv)!, "Texts.Generated.cs");
string generated;
try
{
    generated = TextsTable.Parse(File.ReadAllText(tsv), Path.GetFileName(tsv)).Generate();
}
catch (Exception e) when (e is FormatException or IOException)
{
    Console.Error.WriteLine("textsgen: " + e.Message);
    return 2;
}

if (check)
{
    bool same = File.Exists(output) && File.ReadAllText(output) == generated;
    Console.WriteLine(same ? $"textsgen: {output} is up to date" : $"textsgen: {output} differs from what {tsv} makes: run `dotnet run --project tools/TextsGen`");
    return same ? 0 : 1;
}

File.WriteAllText(output, generated);
Console.WriteLine($"textsgen: wrote {output}");
return 0;

static string FindRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Terminal.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
