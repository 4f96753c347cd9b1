namespace Terminal.Simulator.Boards;

/// <summary>
/// nanoFramework's stock ESP32 partition tables, one per flash size: how big the deployment area and the
/// I: drive (the LittleFS "config" partition) are. Figures from nf-interpreter's
/// targets/ESP32/_IDF/esp32/partitions_nanoclr_{4,8,16}mb.csv (board-configs/README.md, "Flash and the I: drive").
/// </summary>
public sealed record PartitionLayout(int FlashMb, int DeployKb, int ConfigPartitionKb)
{
    /// <summary>The stock layouts, smallest flash first.</summary>
    public static IReadOnlyList<PartitionLayout> Esp32 { get; } =
    [
        // deploy 0x1D0000, config 0x40000
        new(4, 1856, 256),

        // deploy 0x2C0000, config 0x200000
        new(8, 2816, 2048),

        // deploy 0x2C0000, config 0x300000
        new(16, 2816, 3072),
    ];

    /// <summary>The stock layout for a flash of <paramref name="flashMb"/> MB, or null when nanoFramework has none.</summary>
    public static PartitionLayout? ForFlash(int flashMb) => Esp32.FirstOrDefault(l => l.FlashMb == flashMb);

    /// <summary>How the layout is named in messages, e.g. "the 8 MB layout".</summary>
    public override string ToString() => $"the {FlashMb} MB layout";
}
