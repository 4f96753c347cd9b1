namespace Terminal.NanoSurface;

/// <summary>
/// A manifest file: '#' header lines (where it came from, how to regenerate it), then one canonical
/// <see cref="SurfaceLine"/> per line, sorted by ordinal text order, so a regenerated file diffs cleanly.
/// </summary>
public sealed class Manifest
{
    private readonly Dictionary<string, List<SurfaceLine>> _byKey = new(StringComparer.Ordinal);
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);

    /// <summary>Holds <paramref name="lines"/>.</summary>
    public Manifest(IEnumerable<SurfaceLine> lines)
    {
        foreach (SurfaceLine line in lines)
        {
            if (_texts.Add(line.Text))
            {
                if (!_byKey.TryGetValue(line.Key, out List<SurfaceLine>? same))
                {
                    _byKey[line.Key] = same = [];
                }

                same.Add(line);
            }
        }
    }

    /// <summary>Every line's text, sorted.</summary>
    public IEnumerable<string> Texts => _texts.Order(StringComparer.Ordinal);

    /// <summary>Reads a manifest file, skipping '#' lines and blank lines.</summary>
    public static Manifest Load(string path)
        => new(File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#').Select(SurfaceLine.Parse));

    /// <summary>True when the manifest holds exactly this line.</summary>
    public bool Contains(SurfaceLine line) => _texts.Contains(line.Text);

    /// <summary>The manifest's lines for the same assembly, type, kind and name as <paramref name="line"/>.</summary>
    public IReadOnlyList<SurfaceLine> Alike(SurfaceLine line)
        => _byKey.TryGetValue(line.Key, out List<SurfaceLine>? same) ? same : [];

    /// <summary>True when the manifest has a line for the assembly <paramref name="assembly"/>.</summary>
    public bool HasAssembly(string assembly)
        => _byKey.ContainsKey(SurfaceLine.ForAssembly(assembly, new Version(0, 0)).Key);

    /// <summary>Writes the header lines (each prefixed with "# ") and the sorted lines.</summary>
    public void Save(string path, IEnumerable<string> header)
    {
        var text = new List<string>();
        text.AddRange(header.Select(h => "# " + h));
        text.AddRange(Texts);
        File.WriteAllText(path, string.Join("\n", text) + "\n");
    }
}
