using Xunit;

namespace Terminal.Boards.Tests;

// The repository's documentation: a short README, and no link a clone cannot follow. The first three tests check
// the repository itself; the rest show the checks fail when they must, on a throw-away tree.
public sealed class DocumentationTests : IDisposable
{
    // A throw-away repository inside a folder of its own, so a link can leave it without leaving the folder.
    private readonly string _outer = Directory.CreateTempSubdirectory("terminal-docs-").FullName;

    private string Tree => Path.Combine(_outer, "repo");

    public void Dispose() => Directory.Delete(_outer, recursive: true);

    [Fact]
    public void The_readme_has_at_most_250_lines()
    {
        Assert.Null(DocumentationCheck.ReadmeProblem(RepoPaths.Root));
    }

    [Fact]
    public void Every_relative_link_of_every_markdown_file_resolves_inside_the_repository()
    {
        List<string> problems = DocumentationCheck.LinkProblems(RepoPaths.Root);

        Assert.True(problems.Count == 0, "broken links:\n" + string.Join("\n", problems));
        Assert.Contains(Path.Combine(RepoPaths.Root, "docs", "architecture.md"), DocumentationCheck.MarkdownFiles(RepoPaths.Root));
    }

    [Fact]
    public void No_markdown_file_names_a_document_outside_the_repository()
    {
        List<string> problems = DocumentationCheck.OutsideMentions(RepoPaths.Root);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_readme_of_251_lines_fails_the_size_check()
    {
        Write("README.md", string.Concat(Enumerable.Repeat("line\n", 251)));

        Assert.Equal("README.md: 251 lines, more than 250: move depth to docs/", DocumentationCheck.ReadmeProblem(Tree));
    }

    [Fact]
    public void A_link_to_a_missing_file_is_named_with_its_file_and_line()
    {
        Write("README.md", "# T\n\nSee [the guide](docs/guide.md) and [the missing one](docs/missing.md).\n");
        Write("docs/guide.md", "# Guide\n");

        Assert.Equal(["README.md:3: (docs/missing.md) no such file or folder"], DocumentationCheck.LinkProblems(Tree));
    }

    [Fact]
    public void A_broken_image_link_fails_like_any_other()
    {
        Write("docs/a.md", "![a receipt](images/receipt.png)\n<img src=\"images/screen.png\" alt=\"a screen\">\n");

        Assert.Equal(
            ["docs/a.md:1: (images/receipt.png) no such file or folder", "docs/a.md:2: (images/screen.png) no such file or folder"],
            DocumentationCheck.LinkProblems(Tree));
    }

    [Fact]
    public void A_link_that_leaves_the_repository_fails_even_when_the_file_exists()
    {
        Write("README.md", "[design](../shared/DESIGN.md), [up](../outside.md), [root](/etc/hostname)\n");
        File.WriteAllText(Path.Combine(_outer, "outside.md"), "# Outside\n");

        Assert.Equal(
            [
                "README.md:1: (../shared/DESIGN.md) points to the shared folder, which is not in the repository",
                "README.md:1: (../outside.md) leaves the repository",
                "README.md:1: (/etc/hostname) is an absolute path: link relative to the document",
            ],
            DocumentationCheck.LinkProblems(Tree));
    }

    [Fact]
    public void An_anchor_must_name_a_heading_of_its_target()
    {
        Write("docs/a.md", "# Keys, PIN and DUKPT\n\n## Which cards ask for a PIN?\n\n## `terminal demo`\n");
        Write("docs/b.md", "[ok](a.md#which-cards-ask-for-a-pin) [ok](a.md#terminal-demo) [here](#b) [bad](a.md#pins)\n\n# B\n");

        Assert.Equal(["docs/b.md:1: (a.md#pins) no heading makes the anchor #pins"], DocumentationCheck.LinkProblems(Tree));
    }

    [Fact]
    public void Links_inside_code_are_not_links()
    {
        Write("README.md", "```\n[x](missing.md)\n```\n\nRun `[y](missing.md)` and see [the web](https://example.org/x).\n");

        Assert.Empty(DocumentationCheck.LinkProblems(Tree));
    }

    [Fact]
    public void Build_output_and_hidden_folders_are_not_scanned()
    {
        Write("bin/Release/README.md", "[x](missing.md)\n");
        Write("out/index.md", "[x](missing.md)\n");
        Write(".git/notes.md", "[x](missing.md)\n");

        Assert.Empty(DocumentationCheck.MarkdownFiles(Tree));
    }

    [Fact]
    public void Naming_facts_or_design_of_the_shared_folder_is_reported()
    {
        Write("docs/a.md", "The MAC of FACTS.md.\nSee ../shared/tools/run.sh.\n");

        Assert.Equal(
            ["docs/a.md:1: names FACTS.md, which is not in the repository", "docs/a.md:2: names ../shared, which is not in the repository"],
            DocumentationCheck.OutsideMentions(Tree));
    }

    private void Write(string relative, string text)
    {
        string path = Path.Combine(Tree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
