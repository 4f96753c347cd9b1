namespace Terminal.Simulator.Boards;

/// <summary>One thing wrong with a board file: where (a field path such as keypad.rows[2]) and what.</summary>
/// <param name="Field">The field path from the top of the file, e.g. keypad.rows[2]; empty for the whole file.</param>
/// <param name="Problem">What is wrong, in words.</param>
public sealed record BoardConfigProblem(string Field, string Problem);

/// <summary>
/// A board file that cannot be used: bad JSON, an unknown or missing field, a wrong type, or wiring that
/// cannot work. The message names the file, the field path and the problem, one line per problem.
/// </summary>
public sealed class BoardConfigException : Exception
{
    /// <summary>Creates the exception for the problems found in <paramref name="file"/>.</summary>
    public BoardConfigException(string file, IReadOnlyList<BoardConfigProblem> problems)
        : base(Describe(file, problems))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>Creates the exception for one problem.</summary>
    public BoardConfigException(string file, string field, string problem)
        : this(file, [new BoardConfigProblem(field, problem)])
    {
    }

    /// <summary>The board file.</summary>
    public string File { get; }

    /// <summary>Everything found wrong, in file order where it has one.</summary>
    public IReadOnlyList<BoardConfigProblem> Problems { get; }

    private static string Describe(string file, IReadOnlyList<BoardConfigProblem> problems)
    {
        var lines = problems.Select(p => p.Field.Length == 0 ? $"{file}: {p.Problem}" : $"{file}: {p.Field}: {p.Problem}");
        return string.Join(Environment.NewLine, lines);
    }
}
