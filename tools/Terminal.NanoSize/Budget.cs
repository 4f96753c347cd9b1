namespace Terminal.NanoSize;

/// <summary>
/// The budgets a nanoFramework assembly is held to: 75% of each 65,535-byte table, so every assembly has room to
/// grow. Strings and signatures are upper bounds, held to 75% directly. Bytecode is calibrated: the metadata
/// processor's bytecode was 0.65 to 0.83 of the method bodies for every assembly of this project (table in
/// docs/device-build.md); the budget assumes 0.89, so 55,000 bytes of method bodies stay under 49,151 of bytecode.
/// </summary>
public sealed record Budget(long MethodBodies, long Strings, long Signatures)
{
    /// <summary>75% of a table.</summary>
    public const long TableBudget = AssemblySize.TableLimit * 3 / 4;

    /// <summary>The highest bytecode-to-method-body ratio the budget allows for (above every one measured).</summary>
    public const double AssumedBytecodeRatio = 0.89;

    /// <summary>The budget of every assembly.</summary>
    public static Budget Default { get; } = new(55_000, TableBudget, TableBudget);

    /// <summary>The one-line reasons <paramref name="size"/> is over this budget; empty when it fits.</summary>
    public IReadOnlyList<string> Check(AssemblySize size)
    {
        var over = new List<string>();
        if (size.MethodBodies > MethodBodies)
        {
            over.Add($"{size.Name}: method bodies {size.MethodBodies:N0} bytes over the budget of {MethodBodies:N0} (about {size.MethodBodies * AssumedBytecodeRatio:N0} bytes of nanoFramework bytecode; the table holds {AssemblySize.TableLimit:N0}, the budget is 75%)");
        }

        if (size.Strings > Strings)
        {
            over.Add($"{size.Name}: strings up to {size.Strings:N0} bytes over the budget of {Strings:N0} (75% of the {AssemblySize.TableLimit:N0}-byte string table)");
        }

        if (size.Signatures > Signatures)
        {
            over.Add($"{size.Name}: signatures and static data up to {size.Signatures:N0} bytes over the budget of {Signatures:N0} (75% of the {AssemblySize.TableLimit:N0}-byte signature table)");
        }

        return over;
    }
}
