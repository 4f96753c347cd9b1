using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Terminal.Simulator.Boards;

/// <summary>
/// Reads a board file (board-configs/*.json) strictly: unknown fields, missing required fields, wrong types and
/// JSON syntax errors fail with a <see cref="BoardConfigException"/>, and so does wiring that
/// <see cref="BoardConfigValidator"/> finds impossible. A board that loads is safe to wire.
/// </summary>
public static partial class BoardConfigLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,

        // A pin given twice under one name would otherwise silently take the last value.
        AllowDuplicateProperties = false,

        // The device parses the same file with nanoFramework.Json, which knows neither comments nor trailing commas.
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Loads and validates the board file at <paramref name="path"/>.</summary>
    public static BoardConfig Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BoardConfigException(path, string.Empty, "cannot be read: " + e.Message);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates board JSON; <paramref name="file"/> names it in error messages.</summary>
    public static BoardConfig Parse(string json, string file)
    {
        BoardConfig? board;
        try
        {
            board = JsonSerializer.Deserialize<BoardConfig>(json, Options);
        }
        catch (JsonException e)
        {
            throw new BoardConfigException(file, Explain(e));
        }

        if (board == null)
        {
            throw new BoardConfigException(file, string.Empty, "the file holds null, not a board object");
        }

        IReadOnlyList<BoardConfigProblem> problems = BoardConfigValidator.Validate(board);
        if (problems.Count > 0)
        {
            throw new BoardConfigException(file, problems);
        }

        return board;
    }

    // System.Text.Json reports a path like $.keypad.rows[2] and a message written for .NET developers; board
    // authors get the field path and the problem in board terms.
    private static List<BoardConfigProblem> Explain(JsonException e)
    {
        string field = FieldPath(e.Path);
        string message = StripLocation(e.Message);
        string at = e.LineNumber is long line ? $" (line {line + 1}, column {e.BytePositionInLine + 1})" : string.Empty;

        if (e.InnerException?.GetType().Name == "JsonReaderException")
        {
            return [new BoardConfigProblem(field, "invalid JSON" + at + ": " + message)];
        }

        Match unknown = UnknownMember().Match(message);
        if (unknown.Success)
        {
            // The path already ends at the unknown property.
            return [new BoardConfigProblem(field, $"unknown field '{unknown.Groups[1].Value}'" + at)];
        }

        Match missing = MissingRequired().Match(message);
        if (missing.Success)
        {
            return QuotedNames().Matches(missing.Groups[1].Value)
                .Select(m => new BoardConfigProblem(Join(field, m.Groups[1].Value), "missing required field"))
                .ToList();
        }

        Match duplicate = DuplicateMember().Match(message);
        if (duplicate.Success)
        {
            return [new BoardConfigProblem(field, $"field '{duplicate.Groups[1].Value}' is given twice" + at)];
        }

        Match notNull = NullNotAllowed().Match(message);
        if (notNull.Success)
        {
            // The path may or may not already end at the property, depending on where the reader stopped.
            string name = notNull.Groups[1].Value;
            bool atProperty = field == name || field.EndsWith("." + name, StringComparison.Ordinal);
            return [new BoardConfigProblem(atProperty ? field : Join(field, name), "must not be null" + at)];
        }

        Match conversion = ConversionFailed().Match(message);
        if (conversion.Success)
        {
            return [new BoardConfigProblem(field, "wrong type: expected " + Describe(conversion.Groups[1].Value) + at)];
        }

        return [new BoardConfigProblem(field, message + at)];
    }

    private static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }

    private static string Join(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;

    private static string StripLocation(string message)
    {
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message;
    }

    private static string Describe(string clrType)
    {
        string type = clrType.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']');
        bool array = type.EndsWith("[]", StringComparison.Ordinal) || clrType.EndsWith("[]", StringComparison.Ordinal);
        type = type.Replace("[]", string.Empty, StringComparison.Ordinal);
        string one = type switch
        {
            "System.Int32" => "integer",
            "System.String" => "string",
            _ => "object",
        };
        return array ? $"an array of {one}s" : (one == "integer" ? "an integer" : "a " + one);
    }

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"Duplicate property '([^']*)'")]
    private static partial Regex DuplicateMember();

    [GeneratedRegex(@"missing required properties including: (.*)")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"The property or field '([^']*)' on type '[^']*' doesn't allow")]
    private static partial Regex NullNotAllowed();

    [GeneratedRegex(@"could not be converted to ([^ ]+?)\.?$")]
    private static partial Regex ConversionFailed();
}
