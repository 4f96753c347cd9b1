using System.Text.Json.Nodes;

namespace Terminal.Boards.Tests;

/// <summary>A shipped board file, edited and written to a temporary file of its own for one test.</summary>
internal sealed class BoardFile : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("board-test-").FullName;

    private BoardFile(JsonObject json, string name)
    {
        Json = json;
        Path = System.IO.Path.Combine(_dir, name);
    }

    public JsonObject Json { get; }

    public string Path { get; }

    /// <summary>Starts from board-configs/<paramref name="shipped"/>, to be written as <paramref name="name"/>.</summary>
    public static BoardFile From(string shipped, string name)
    {
        string text = File.ReadAllText(System.IO.Path.Combine(RepoPaths.BoardConfigs, shipped));
        return new BoardFile((JsonObject)JsonNode.Parse(text)!, name);
    }

    public JsonObject Section(string name) => (JsonObject)Json[name]!;

    /// <summary>Writes the JSON as edited.</summary>
    public string Write()
    {
        File.WriteAllText(Path, Json.ToJsonString());
        return Path;
    }

    /// <summary>Writes raw text instead of the JSON (for syntax errors).</summary>
    public string WriteText(string text)
    {
        File.WriteAllText(Path, text);
        return Path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
