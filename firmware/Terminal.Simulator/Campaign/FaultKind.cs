namespace Terminal.Simulator.Campaign;

/// <summary>A fault the campaign injects into the terminal's world between two cashier actions.</summary>
public enum FaultKind
{
    /// <summary>Power is cut at one of the next flash writes or erases, part of its bytes landing.</summary>
    PowerCut,

    /// <summary>A worn flash cell: bits stuck at 0 in the journal's unwritten space, found when it is written.</summary>
    StuckBits,

    /// <summary>A journal sector loses bits while the terminal is off (a record or a sector header damaged).</summary>
    CorruptedSector,

    /// <summary>The next request never reaches the host.</summary>
    RequestLost,

    /// <summary>The host processes the next request; its answer is lost.</summary>
    AnswerLost,

    /// <summary>The next answer arrives after the terminal's timeout.</summary>
    LateAnswer,

    /// <summary>The next answer arrives twice.</summary>
    DuplicatedAnswer,

    /// <summary>Bytes of the next answer are damaged on the way.</summary>
    CorruptedAnswer,

    /// <summary>The next answer's MAC is wrong.</summary>
    WrongMac,

    /// <summary>The link is down for the next send.</summary>
    LinkDown,

    /// <summary>The host restarts: answers in flight are gone, its database survives.</summary>
    HostRestart,

    /// <summary>The printer reports paper out until the action ends.</summary>
    PaperOut,
}

/// <summary>The names faults are counted and printed under.</summary>
public static class FaultNames
{
    /// <summary>Every kind, in <see cref="FaultKind"/> order.</summary>
    public static readonly FaultKind[] All = Enum.GetValues<FaultKind>();

    /// <summary>How a fault kind is printed ("power cut", "stuck bits"...).</summary>
    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.PowerCut => "power cut",
        FaultKind.StuckBits => "stuck bits",
        FaultKind.CorruptedSector => "corrupted sector",
        FaultKind.RequestLost => "request lost",
        FaultKind.AnswerLost => "answer lost",
        FaultKind.LateAnswer => "late answer",
        FaultKind.DuplicatedAnswer => "duplicated answer",
        FaultKind.CorruptedAnswer => "corrupted answer",
        FaultKind.WrongMac => "wrong MAC",
        FaultKind.LinkDown => "link down",
        FaultKind.HostRestart => "host restart",
        _ => "paper out",
    };
}
