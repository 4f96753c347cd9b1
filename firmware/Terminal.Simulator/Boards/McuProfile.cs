namespace Terminal.Simulator.Boards;

/// <summary>
/// What an MCU (or module) allows: which GPIO numbers exist, which are taken by the module itself, which
/// can only be inputs, and which UART and SPI peripherals there are. The validator checks a board against it.
/// </summary>
public sealed class McuProfile
{
    private readonly Dictionary<int, string> _reserved;
    private readonly HashSet<int> _missing;
    private readonly HashSet<int> _inputOnly;

    private McuProfile(string name, int maxPin, int[] missing, Dictionary<int, string> reserved, int[] inputOnly, string[] uarts, int[] spiBuses)
    {
        Name = name;
        MaxPin = maxPin;
        _missing = [.. missing];
        _reserved = reserved;
        _inputOnly = [.. inputOnly];
        Uarts = uarts;
        SpiBuses = spiBuses;
    }

    /// <summary>The MCU name as board files spell it.</summary>
    public string Name { get; }

    /// <summary>Highest GPIO number.</summary>
    public int MaxPin { get; }

    /// <summary>UART names a board may use.</summary>
    public IReadOnlyList<string> Uarts { get; }

    /// <summary>SPI bus ids a board may use.</summary>
    public IReadOnlyList<int> SpiBuses { get; }

    /// <summary>The MCUs board files may name.</summary>
    public static IReadOnlyList<McuProfile> Known { get; } =
    [
        // ESP32-WROVER: GPIO 6-11 drive the module's SPI flash and GPIO 16/17 its PSRAM; 34, 35, 36 (VP) and 39 (VN)
        // have no output driver (and no internal pull resistors). GPIO 20, 24, 28-31, 37 and 38 are not on the
        // module's pads. UART0 (COM1) carries the nanoFramework debugger; SPI1/SPI2 are nanoFramework's names
        // for the two free SPI hosts.
        new("ESP32-WROVER", 39, [20, 24, 28, 29, 30, 31, 37, 38], Esp32Reserved(psram: true), [34, 35, 36, 39], ["COM1", "COM2", "COM3"], [1, 2]),
        new("ESP32-WROOM", 39, [20, 24, 28, 29, 30, 31, 37, 38], Esp32Reserved(psram: false), [34, 35, 36, 39], ["COM1", "COM2", "COM3"], [1, 2]),

        // The simulator's chip models accept any pin number; the checks that remain are the board's own consistency.
        new("simulated", 255, [], [], [], ["COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8"], [1, 2, 3, 4]),
    ];

    /// <summary>Finds the profile for <paramref name="name"/>, or null.</summary>
    public static McuProfile? Find(string name) => Known.FirstOrDefault(m => m.Name == name);

    /// <summary>Why the pin cannot be used at all, or null when it can.</summary>
    public string? Unusable(int pin)
    {
        if (pin < 0 || pin > MaxPin || _missing.Contains(pin))
        {
            return $"GPIO {pin} does not exist on {Name}";
        }

        return _reserved.TryGetValue(pin, out string? why) ? $"GPIO {pin} is reserved on {Name}: {why}" : null;
    }

    /// <summary>Whether the pin has no output driver.</summary>
    public bool IsInputOnly(int pin) => _inputOnly.Contains(pin);

    private static Dictionary<int, string> Esp32Reserved(bool psram)
    {
        var reserved = new Dictionary<int, string>();
        for (int pin = 6; pin <= 11; pin++)
        {
            reserved[pin] = "it is wired to the module's SPI flash";
        }

        if (psram)
        {
            reserved[16] = "it is wired to the module's PSRAM";
            reserved[17] = "it is wired to the module's PSRAM";
        }

        return reserved;
    }
}
