using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Terminal.Simulator.Cli;

/// <summary>
/// A command line System.CommandLine could not parse, as one line <c>terminal: WHAT: WHY</c>: the first mistake, with a
/// "did you mean" when a command or option name is close, instead of the library's message, help text and .NET type names.
/// </summary>
internal static partial class ParseErrorLine
{
    /// <summary>The line for the first error of <paramref name="parse"/> (which has at least one).</summary>
    public static string For(ParseResult parse)
    {
        string path = CommandPath(parse.CommandResult);
        if (parse.UnmatchedTokens.Count > 0)
        {
            return Unmatched(parse.UnmatchedTokens[0], parse.CommandResult.Command, parse.CommandResult, path);
        }

        ParseError error = parse.Errors[0];
        switch (error.SymbolResult)
        {
            case OptionResult { IdentifierToken: null } option:
                return Line(path, $"{option.Option.Name} is required");
            case OptionResult { IdentifierToken: { } identifier } option:
                return Value(Join(path, identifier.Value), option.Option.ValueType, option.Tokens, error.Message);
            case ArgumentResult argument:
                return Value(Join(path, $"<{argument.Argument.Name}>"), argument.Argument.ValueType, argument.Tokens, error.Message);
            case CommandResult { Command: { Action: null } needy } when needy.Subcommands.Count > 0:
                return Line(path, $"needs a command: {string.Join(", ", Visible(needy.Subcommands).Select(c => c.Name))} (terminal {path} --help)");
            default:
                return Line(path, Clean(error.Message));
        }
    }

    /// <summary>The closest of <paramref name="names"/> to what was typed, or null when none is close.</summary>
    internal static string? Closest(string typed, IEnumerable<string> names)
    {
        string t = typed.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        string[] startingWith = names.Where(n => t.TrimStart('-').Length >= 2 && n.StartsWith(t, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (startingWith.Length == 1)
        {
            return startingWith[0];
        }

        foreach (string name in names)
        {
            int d = Distance(t, name.ToLowerInvariant());
            if (d < bestDistance && d <= Math.Max(1, name.TrimStart('-').Length / 3))
            {
                best = name;
                bestDistance = d;
            }
        }

        return best;
    }

    private static string Unmatched(string token, Command command, CommandResult at, string path)
    {
        string help = path.Length == 0 ? "terminal --help" : $"terminal {path} --help";
        if (token.StartsWith('-') && token.Length > 1)
        {
            string? option = Closest(token, OptionsOf(at).SelectMany(o => o.Aliases.Prepend(o.Name)));
            return Line(Join(path, token), "no such option" + DidYouMean(option) + $" ({help} lists them)");
        }

        if (command.Subcommands.Count == 0)
        {
            return Line(Join(path, token), $"unexpected argument ({help} shows what it takes)");
        }

        string? near = Closest(token, Visible(command.Subcommands).SelectMany(c => c.Aliases.Prepend(c.Name)));
        // A command of the level below typed at this one: `terminal decode` for `terminal iso8583 decode`.
        near ??= Grandchildren(command).FirstOrDefault(p => p.Name.Equals(token, StringComparison.OrdinalIgnoreCase)).Path;
        return Line(Join(path, token), "no such command" + DidYouMean(near == null ? null : Join(path, near)) + $" ({help} lists them)");
    }

    private static string DidYouMean(string? near) => near == null ? string.Empty : $"; did you mean {near}?";

    private static string Value(string what, Type valueType, IReadOnlyList<Token> tokens, string message)
    {
        if (tokens.Count == 0)
        {
            return Line(what, "needs a value");
        }

        string value = tokens[0].Value;
        Type type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        if (type == typeof(int) || type == typeof(long))
        {
            bool digits = value.TrimStart('-').Length > 0 && value.TrimStart('-').All(char.IsAsciiDigit);
            bool fits = type == typeof(int)
                ? int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            if (!fits)
            {
                return Line(what, digits ? $"'{value}' is too large" : $"'{value}' is not a whole number");
            }
        }

        return Line(what, Clean(message));
    }

    // The library's message, without .NET type names, its closing full stop or its capital.
    private static string Clean(string message)
    {
        string text = TypeName().Replace(AsExpectedType().Replace(message, string.Empty), "a value of the right kind").Trim().TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static string Line(string what, string why) => what.Length == 0 ? $"terminal: {why}" : $"terminal: {what}: {why}";

    private static string Join(string path, string word) => path.Length == 0 ? word : path + " " + word;

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (CommandResult? c = result; c?.Parent != null; c = c.Parent as CommandResult)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', names);
    }

    private static IEnumerable<Option> OptionsOf(CommandResult at)
    {
        foreach (Option option in at.Command.Options.Where(o => !o.Hidden))
        {
            yield return option;
        }

        for (var parent = at.Parent as CommandResult; parent != null; parent = parent.Parent as CommandResult)
        {
            foreach (Option option in parent.Command.Options.Where(o => o.Recursive && !o.Hidden))
            {
                yield return option;
            }
        }
    }

    private static IEnumerable<Command> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden);

    private static IEnumerable<(string Name, string Path)> Grandchildren(Command command)
    {
        foreach (Command child in Visible(command.Subcommands))
        {
            foreach (Command grandchild in Visible(child.Subcommands))
            {
                yield return (grandchild.Name, child.Name + " " + grandchild.Name);
            }
        }
    }

    // Levenshtein distance: insertions, deletions and substitutions.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"\s*as expected type '[^']*'")]
    private static partial Regex AsExpectedType();

    [GeneratedRegex(@"'?System\.[\w`\[\].,]+'?")]
    private static partial Regex TypeName();
}
