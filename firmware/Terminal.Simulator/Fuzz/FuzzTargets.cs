using Terminal.Simulator.Fuzz.Targets;

namespace Terminal.Simulator.Fuzz;

/// <summary>Every fuzz target, in the order `terminal fuzz` lists and runs them.</summary>
internal static class FuzzTargets
{
    /// <summary>The targets' names.</summary>
    public static readonly string[] Names =
    [
        "emv-tlv", "emv-dialogue", "cup", "ascii87", "tcp-framer", "serial-framer", "qr", "journal",
        "keystore", "update-image", "bundle", "board-file", "provisioning-file", "catalog-download",
    ];

    /// <summary>A new target by name, or null.</summary>
    public static FuzzTarget? Create(string name) => name switch
    {
        "emv-tlv" => new EmvTlvTarget(),
        "emv-dialogue" => new EmvDialogueTarget(),
        "cup" => new Iso8583Target("cup", Profiles.Cup, MessageSeeds.Cup),
        "ascii87" => new Iso8583Target("ascii87", Profiles.Ascii87, MessageSeeds.Ascii87),
        "tcp-framer" => new TcpFramerTarget(),
        "serial-framer" => new SerialFramerTarget(),
        "qr" => new QrTarget(),
        "journal" => new JournalTarget(),
        "keystore" => new KeyStoreTarget(),
        "update-image" => new UpdateImageTarget(),
        "bundle" => new BundleTarget(),
        "board-file" => new BoardFileTarget(),
        "provisioning-file" => new ProvisioningFileTarget(),
        "catalog-download" => new CatalogTarget(),
        _ => null,
    };
}
