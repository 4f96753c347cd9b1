namespace Terminal.Simulator.Fuzz;

/// <summary>
/// One parser under hostile input, with what the firmware does with its result: a fuzz target feeds an input the
/// way the device would meet it (bytes off a card, a host, a scanner or flash) and then calls the accessors the
/// flows call. A documented outcome (an error result, the documented exception of a PC tool) returns normally;
/// anything else thrown out of <see cref="Feed"/> is an escape, and so is a broken invariant
/// (<see cref="FuzzViolation"/>). Every input is fed to fresh objects, so one input replays alone.
/// </summary>
internal abstract class FuzzTarget
{
    /// <summary>The name `terminal fuzz TARGET` takes.</summary>
    public abstract string Name { get; }

    /// <summary>One line: what the input is and what it goes through.</summary>
    public abstract string Feeds { get; }

    /// <summary>Real inputs the mutations start from (frames, card dialogues, flash images, files).</summary>
    public abstract IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Largest input the mutator makes.</summary>
    public virtual int MaxInput => 4096;

    /// <summary>Offsets of length fields in seed <paramref name="seed"/>: where length lies go (none: anywhere).</summary>
    public virtual IReadOnlyList<int> LengthFields(int seed) => [];

    /// <summary>
    /// After a mutation, makes the checks an attacker can redo (a CRC, a MAC under a known key) agree again, so
    /// that lies reach the parser behind them; returns the length. Called for about half the inputs.
    /// </summary>
    public virtual int Seal(byte[] input, int length) => length;

    /// <summary>Feeds one input; returns for a documented outcome, throws for an escape.</summary>
    public abstract void Feed(byte[] input, int length);

    /// <summary>Throws a <see cref="FuzzViolation"/> when <paramref name="holds"/> is false.</summary>
    protected static void Check(bool holds, string invariant)
    {
        if (!holds)
        {
            throw new FuzzViolation(invariant);
        }
    }
}

/// <summary>An invariant a target checks did not hold (card data left behind, a length out of its buffer...).</summary>
internal sealed class FuzzViolation(string invariant) : Exception("invariant broken: " + invariant);
