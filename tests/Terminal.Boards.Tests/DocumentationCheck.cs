using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Terminal.Boards.Tests;

/// <summary>
/// Checks the repository's Markdown: every relative link and image resolves to a file or folder inside the
/// repository (and every #anchor to a heading of its target), nothing points to the shared folder outside it, and
/// the README stays short. Web links (http, https, mailto) are not followed.
/// </summary>
internal static partial class DocumentationCheck
{
    /// <summary>The most lines README.md may have; depth goes to docs/.</summary>
    public const int ReadmeMaxLines = 250;

    // Folders that hold build output, restored packages or tool state, never documentation.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        "bin", "obj", "out", "TestResults", "node_modules", "packages",
    };

    // Documents of the machine the repository was written on, which a clone does not have.
    private static readonly string[] OutsideDocuments = ["../shared", "/work/shared", "FACTS.md", "DESIGN.md"];

    /// <summary>A problem if README.md under <paramref name="root"/> is over <see cref="ReadmeMaxLines"/> lines, else null.</summary>
    public static string? ReadmeProblem(string root)
    {
        int lines = File.ReadAllLines(Path.Combine(root, "README.md")).Length;
        return lines > ReadmeMaxLines ? $"README.md: {lines} lines, more than {ReadmeMaxLines}: move depth to docs/" : null;
    }

    /// <summary>Every Markdown file under <paramref name="root"/>, build output and hidden folders left out.</summary>
    public static List<string> MarkdownFiles(string root)
    {
        var files = new List<string>();
        var folders = new Stack<string>();
        folders.Push(root);
        while (folders.Count > 0)
        {
            string folder = folders.Pop();
            files.AddRange(Directory.EnumerateFiles(folder, "*.md"));
            foreach (string sub in Directory.EnumerateDirectories(folder))
            {
                string name = Path.GetFileName(sub);
                if (!name.StartsWith('.') && !SkippedFolders.Contains(name))
                {
                    folders.Push(sub);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>One line per broken link of every Markdown file under <paramref name="root"/>: "FILE:LINE: (TARGET) REASON".</summary>
    public static List<string> LinkProblems(string root)
    {
        root = Path.GetFullPath(root);
        var problems = new List<string>();
        var anchorsByFile = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (string file in MarkdownFiles(root))
        {
            string relativeFile = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var (line, target) in Links(File.ReadAllLines(file)))
            {
                string? why = Check(root, file, target, anchorsByFile);
                if (why != null)
                {
                    problems.Add($"{relativeFile}:{line}: ({target}) {why}");
                }
            }
        }

        return problems;
    }

    /// <summary>One line per mention of a document outside the repository (the shared folder, FACTS.md, DESIGN.md).</summary>
    public static List<string> OutsideMentions(string root)
    {
        var problems = new List<string>();
        foreach (string file in MarkdownFiles(root))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (string name in OutsideDocuments)
                {
                    if (lines[i].Contains(name, StringComparison.Ordinal))
                    {
                        problems.Add($"{Path.GetRelativePath(root, file).Replace('\\', '/')}:{i + 1}: names {name}, which is not in the repository");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The link targets of a Markdown file with their line numbers, code blocks and code spans left out.</summary>
    public static IEnumerable<(int Line, string Target)> Links(string[] lines)
    {
        bool fenced = false;
        for (int i = 0; i < lines.Length; i++)
        {
            if (Fence().IsMatch(lines[i]))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            string text = CodeSpan().Replace(lines[i], string.Empty);
            foreach (Match m in InlineLink().Matches(text))
            {
                yield return (i + 1, m.Groups["target"].Value);
            }

            foreach (Match m in HtmlSource().Matches(text))
            {
                yield return (i + 1, m.Groups["target"].Value);
            }
        }
    }

    /// <summary>The anchors GitHub makes of a Markdown file's headings (lower case, punctuation dropped, spaces as '-').</summary>
    public static HashSet<string> Anchors(string[] lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool fenced = false;
        foreach (string line in lines)
        {
            if (Fence().IsMatch(line))
            {
                fenced = !fenced;
                continue;
            }

            Match heading = Heading().Match(line);
            if (fenced || !heading.Success)
            {
                continue;
            }

            string slug = Slug(heading.Groups["text"].Value);
            int count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    /// <summary>GitHub's anchor of a heading's text.</summary>
    public static string Slug(string heading)
    {
        string text = InlineLink().Replace(heading, m => m.Groups["text"].Value);
        var slug = new StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            UnicodeCategory category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_'
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    private static string? Check(string root, string file, string target, Dictionary<string, HashSet<string>> anchorsByFile)
    {
        if (WebLink().IsMatch(target))
        {
            return null;
        }

        if (target.Contains("../shared", StringComparison.Ordinal) || target.Contains("/work/shared", StringComparison.Ordinal))
        {
            return "points to the shared folder, which is not in the repository";
        }

        int hash = target.IndexOf('#', StringComparison.Ordinal);
        string path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
        string? anchor = hash < 0 ? null : target[(hash + 1)..];
        if (path.StartsWith('/') || Path.IsPathRooted(path))
        {
            return "is an absolute path: link relative to the document";
        }

        string full = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
        if (full != root && !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return "leaves the repository";
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return "no such file or folder";
        }

        if (anchor == null || !full.EndsWith(".md", StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        if (!anchorsByFile.TryGetValue(full, out HashSet<string>? anchors))
        {
            anchors = Anchors(File.ReadAllLines(full));
            anchorsByFile[full] = anchors;
        }

        return anchors.Contains(anchor) ? null : $"no heading makes the anchor #{anchor}";
    }

    [GeneratedRegex(@"^ {0,3}(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(`+).+?\1")]
    private static partial Regex CodeSpan();

    // [text](target) and ![alt](target), with an optional "title".
    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"<img\s[^>]*\bsrc=""(?<target>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlSource();

    [GeneratedRegex(@"^ {0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(https?|mailto):", RegexOptions.IgnoreCase)]
    private static partial Regex WebLink();
}
