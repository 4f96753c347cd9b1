namespace Terminal.NanoSurface;

/// <summary>The two verbs: extract a manifest from real assemblies, verify stub assemblies against one.</summary>
public static class SurfaceCheck
{
    /// <summary>
    /// The manifest of the real assemblies. With <paramref name="declaredIn"/> (stub assemblies), only what
    /// the stubs declare: their assemblies' lines, their types' lines, and every real member of a stub type
    /// with the same kind and name as a stub member (all overloads of a name, so a wrong one shows the right).
    /// </summary>
    public static Manifest Extract(IEnumerable<string> realAssemblies, IEnumerable<string>? declaredIn = null)
    {
        List<AssemblySurface> real = ReadAll(realAssemblies);
        IEnumerable<SurfaceLine> lines = real.SelectMany(a => a.Lines);
        if (declaredIn != null)
        {
            List<AssemblySurface> stubs = ReadAll(declaredIn);
            var keys = new HashSet<string>(stubs.SelectMany(s => s.Lines).Select(l => l.Key), StringComparer.Ordinal);
            var assemblies = new HashSet<string>(stubs.Select(s => s.Name), StringComparer.Ordinal);
            lines = lines.Where(l => l.Kind == "assembly" ? assemblies.Contains(l.Assembly) : keys.Contains(l.Key));
        }

        return new Manifest(lines);
    }

    /// <summary>
    /// One line per stub line the manifest lacks (an assembly name or version, a type, a member whose
    /// signature differs or that the real library does not have), naming the real lines of that name.
    /// Empty when every public line of every stub is in the manifest.
    /// </summary>
    public static IReadOnlyList<string> Verify(IEnumerable<string> stubAssemblies, Manifest manifest)
    {
        var problems = new List<string>();
        foreach (AssemblySurface stub in ReadAll(stubAssemblies))
        {
            if (!manifest.HasAssembly(stub.Name))
            {
                problems.Add("mismatch: " + stub.Name + ": no such assembly in the manifest");
                continue;
            }

            foreach (SurfaceLine line in stub.Lines)
            {
                if (manifest.Contains(line))
                {
                    continue;
                }

                IReadOnlyList<SurfaceLine> real = manifest.Alike(line);
                problems.Add("mismatch: stub has \"" + line.Text + "\"; "
                    + (real.Count == 0 ? "the real library has no " + line.Kind + " " + line.Name + " there"
                        : "real: " + string.Join(" | ", real.Select(r => "\"" + r.Text + "\""))));
            }
        }

        return problems;
    }

    /// <summary>The assembly files named: files as given, directories as their *.dll (mscorlib.dll aside: it is never a stub).</summary>
    public static List<string> AssemblyFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.dll")
                    .Where(f => !string.Equals(Path.GetFileName(f), "mscorlib.dll", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException("no such file or directory: " + path, path);
            }
        }

        return files;
    }

    private static List<AssemblySurface> ReadAll(IEnumerable<string> paths)
    {
        var surfaces = new List<AssemblySurface>();
        foreach (string file in AssemblyFiles(paths))
        {
            AssemblySurface surface = SurfaceReader.Read(file);
            if (surfaces.Any(s => s.Name == surface.Name))
            {
                throw new ArgumentException("assembly " + surface.Name + " given twice (" + file + ")");
            }

            surfaces.Add(surface);
        }

        return surfaces;
    }
}
