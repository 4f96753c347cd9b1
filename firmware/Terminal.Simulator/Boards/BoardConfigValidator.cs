using Terminal.Hal;

namespace Terminal.Simulator.Boards;

/// <summary>
/// Checks that a parsed board can actually be wired: every pin exists on the MCU and is free for use, no
/// pin serves two functions (the shared SCK/MOSI/MISO of an SPI bus are declared once, on the bus), input-only
/// pins are only read, devices name SPI buses and UARTs that exist, and the settings are ones the drivers support.
/// </summary>
public static class BoardConfigValidator
{
    /// <summary>Baud rates above this are not a real UART setting on any supported MCU.</summary>
    public const int MaxBaud = 5_000_000;

    /// <summary>Narrowest panel the cashier's screens fit: 30 columns of 8-pixel cells.</summary>
    public const int MinDisplayWidth = 240;

    /// <summary>Shortest panel the cashier's screens fit: 17 rows of 16-pixel cells.</summary>
    public const int MinDisplayHeight = 272;

    /// <summary>Width of the ST7789's frame memory.</summary>
    public const int St7789Width = 240;

    /// <summary>Height of the ST7789's frame memory.</summary>
    public const int St7789Height = 320;

    private enum Direction
    {
        Input,
        Output,
    }

    /// <summary>Returns every problem found, in file order; an empty list means the board is usable.</summary>
    public static IReadOnlyList<BoardConfigProblem> Validate(BoardConfig board)
    {
        var check = new Check(McuProfile.Find(board.Mcu));
        if (board.Name.Trim().Length == 0)
        {
            check.Fail("name", "must not be empty");
        }

        if (check.Mcu == null)
        {
            check.Fail("mcu", $"unknown MCU '{board.Mcu}' (known: {string.Join(", ", McuProfile.Known.Select(m => m.Name))})");
        }

        Keypad(check, board.Keypad);
        var buses = SpiBuses(check, board.Spi);
        Display(check, board.Display, buses);
        Contactless(check, board.Contactless, buses);
        check.Pin("magstripe.clock", board.Magstripe.Clock, Direction.Input);
        check.Pin("magstripe.data", board.Magstripe.Data, Direction.Input);
        check.Pin("magstripe.cardPresent", board.Magstripe.CardPresent, Direction.Input);
        Printer(check, board.Printer);
        QrScanner(check, board.QrScanner);
        HostLink(check, board.HostLink);
        check.Pin("buzzer.pin", board.Buzzer.Pin, Direction.Output);
        Storage(check, board.Storage);
        if (board.DebugUart is UartConfig debug)
        {
            check.Uart("debugUart", debug.Uart, debug.Tx, debug.Rx, debug.Baud);
        }

        return check.Problems;
    }

    private static void Keypad(Check check, KeypadConfig keypad)
    {
        if (keypad.Rows.Length == 0)
        {
            check.Fail("keypad.rows", "needs at least one row pin");
        }

        if (keypad.Columns.Length == 0)
        {
            check.Fail("keypad.columns", "needs at least one column pin");
        }

        for (int i = 0; i < keypad.Rows.Length; i++)
        {
            check.Pin($"keypad.rows[{i}]", keypad.Rows[i], Direction.Output);
        }

        for (int i = 0; i < keypad.Columns.Length; i++)
        {
            check.Pin($"keypad.columns[{i}]", keypad.Columns[i], Direction.Input);
        }

        int cells = keypad.Rows.Length * keypad.Columns.Length;
        if (keypad.Layout.Length != cells)
        {
            check.Fail("keypad.layout", $"has {keypad.Layout.Length} key names but the matrix has {keypad.Rows.Length} rows × {keypad.Columns.Length} columns = {cells} keys");
        }

        var seen = new Dictionary<int, int>();
        for (int i = 0; i < keypad.Layout.Length; i++)
        {
            // Array elements escape System.Text.Json's nullable checks, so a null name is caught here.
            int key = KeyCode.Parse(keypad.Layout[i] ?? string.Empty);
            if (keypad.Layout[i] == null)
            {
                check.Fail($"keypad.layout[{i}]", "must not be null");
            }
            else if (key == KeyCode.None)
            {
                check.Fail($"keypad.layout[{i}]", $"unknown key name '{keypad.Layout[i]}' (0-9, CANCEL, CLEAR, ENTER, MENU, F1, F2, DOT, UP, DOWN, FEED)");
            }
            else if (seen.TryGetValue(key, out int first))
            {
                check.Fail($"keypad.layout[{i}]", $"key {KeyCode.Name(key)} is already at keypad.layout[{first}]");
            }
            else
            {
                seen[key] = i;
            }
        }

        if (keypad.DebounceMs < 1 || keypad.DebounceMs > 200)
        {
            check.Fail("keypad.debounceMs", $"{keypad.DebounceMs} is outside 1..200 ms");
        }
    }

    private static Dictionary<int, string> SpiBuses(Check check, SpiBusConfig[] spi)
    {
        var buses = new Dictionary<int, string>();
        for (int i = 0; i < spi.Length; i++)
        {
            string path = $"spi[{i}]";
            SpiBusConfig? bus = spi[i];
            if (bus == null)
            {
                // Array elements escape System.Text.Json's nullable checks.
                check.Fail(path, "must not be null");
                continue;
            }

            if (buses.TryGetValue(bus.Id, out string? first))
            {
                check.Fail(path + ".id", $"SPI bus {bus.Id} is already defined at {first}");
                continue;
            }

            if (check.Mcu != null && !check.Mcu.SpiBuses.Contains(bus.Id))
            {
                check.Fail(path + ".id", $"{check.Mcu.Name} has no SPI bus {bus.Id} (it has {string.Join(", ", check.Mcu.SpiBuses)})");
            }

            buses[bus.Id] = path;

            // The bus pins are declared once, here; devices on the bus share them by naming the bus.
            check.Pin(path + ".sck", bus.Sck, Direction.Output);
            check.Pin(path + ".mosi", bus.Mosi, Direction.Output);
            check.Pin(path + ".miso", bus.Miso, Direction.Input);
        }

        return buses;
    }

    private static void Display(Check check, DisplayConfig display, Dictionary<int, string> buses)
    {
        if (display.Controller != "ST7789")
        {
            check.Fail("display.controller", $"unsupported controller '{display.Controller}' (supported: ST7789)");
        }

        SpiBusReference(check, "display.spiBus", display.SpiBus, buses);
        check.Pin("display.chipSelect", display.ChipSelect, Direction.Output);
        check.Pin("display.dc", display.Dc, Direction.Output);
        check.OptionalPin("display.reset", display.Reset, Direction.Output);
        check.OptionalPin("display.backlight", display.Backlight, Direction.Output);
        // The ST7789's frame memory is 240 x 320; the cashier's screens are laid out in 30 columns of 8-pixel
        // cells and use 17 rows of 16 (rows 0 to 14, the status line, the footer). A panel outside that shows
        // screens cut off (or none: a 2-pixel width was once accepted and gave a display of no cells).
        if (display.Width < MinDisplayWidth || display.Width > St7789Width)
        {
            check.Fail("display.width", $"{display.Width} pixels is not a panel the screens fit ({MinDisplayWidth}..{St7789Width}: 30 columns of 8 pixels, at most the ST7789's 240)");
        }

        if (display.Height < MinDisplayHeight || display.Height > St7789Height)
        {
            check.Fail("display.height", $"{display.Height} pixels is not a panel the screens fit ({MinDisplayHeight}..{St7789Height}: 17 rows of 16 pixels, at most the ST7789's 320)");
        }
    }

    private static void Contactless(Check check, ContactlessConfig reader, Dictionary<int, string> buses)
    {
        if (reader.Controller != "MFRC522")
        {
            check.Fail("contactless.controller", $"unsupported controller '{reader.Controller}' (supported: MFRC522)");
        }

        SpiBusReference(check, "contactless.spiBus", reader.SpiBus, buses);
        check.Pin("contactless.chipSelect", reader.ChipSelect, Direction.Output);
        check.OptionalPin("contactless.reset", reader.Reset, Direction.Output);
        check.OptionalPin("contactless.irq", reader.Irq, Direction.Input);
    }

    private static void SpiBusReference(Check check, string path, int bus, Dictionary<int, string> buses)
    {
        if (!buses.ContainsKey(bus))
        {
            string defined = buses.Count == 0 ? "none is defined" : "defined: " + string.Join(", ", buses.Keys);
            check.Fail(path, $"SPI bus {bus} does not exist in spi[] ({defined})");
        }
    }

    private static void Printer(Check check, PrinterConfig printer)
    {
        check.Uart("printer", printer.Uart, printer.Tx, printer.Rx, printer.Baud);
        check.OptionalPin("printer.rts", printer.Rts, Direction.Output);
        check.OptionalPin("printer.cts", printer.Cts, Direction.Input);
        switch (printer.FlowControl)
        {
            case "none":
            case "xonxoff":
                if (printer.Rts != null || printer.Cts != null)
                {
                    check.Fail(printer.Rts != null ? "printer.rts" : "printer.cts", $"RTS/CTS pins are given but flowControl is {printer.FlowControl}");
                }

                break;
            case "rtscts":
                if (printer.Cts == null)
                {
                    check.Fail("printer.cts", "flowControl rtscts needs the CTS pin (the printer's busy line)");
                }

                break;
            default:
                check.Fail("printer.flowControl", $"'{printer.FlowControl}' is not one of none, xonxoff, rtscts");
                break;
        }

        if (printer.PaperWidthMm != 58 && printer.PaperWidthMm != 80)
        {
            check.Fail("printer.paperWidthMm", $"{printer.PaperWidthMm} mm paper is not supported (58 or 80)");
        }
    }

    private static void QrScanner(Check check, QrScannerConfig scanner)
    {
        check.Uart("qrScanner", scanner.Uart, scanner.Tx, scanner.Rx, scanner.Baud);
        check.OptionalPin("qrScanner.trigger", scanner.Trigger, Direction.Output);
    }

    private static void HostLink(Check check, HostLinkConfig link)
    {
        switch (link.Kind)
        {
            case "tcp":
                if (string.IsNullOrWhiteSpace(link.Host))
                {
                    check.Fail("hostLink.host", "missing required field (a tcp link needs the host)");
                }

                if (link.Port == null)
                {
                    check.Fail("hostLink.port", "missing required field (a tcp link needs the port)");
                }
                else if (link.Port < 1 || link.Port > 65535)
                {
                    check.Fail("hostLink.port", $"{link.Port} is not a TCP port (1..65535)");
                }

                if (link.Wifi != null && link.Wifi.Ssid.Length is 0 or > 32)
                {
                    check.Fail("hostLink.wifi.ssid", "an SSID is 1 to 32 characters");
                }

                if (link.Tls != null && !link.Tls.CaFile.StartsWith("I:\\", StringComparison.Ordinal))
                {
                    check.Fail("hostLink.tls.caFile", $"'{link.Tls.CaFile}' is not a file on the internal drive (I:\\...)");
                }

                NotFor(check, "tcp", ("uart", link.Uart), ("tx", link.Tx), ("rx", link.Rx), ("baud", link.Baud));
                break;
            case "serial":
                if (link.Uart == null || link.Tx == null || link.Rx == null || link.Baud == null)
                {
                    string field = link.Uart == null ? "uart" : link.Tx == null ? "tx" : link.Rx == null ? "rx" : "baud";
                    check.Fail("hostLink." + field, "missing required field (a serial link needs uart, tx, rx and baud)");
                }
                else
                {
                    check.Uart("hostLink", link.Uart, link.Tx.Value, link.Rx.Value, link.Baud.Value);
                }

                NotFor(check, "serial", ("host", link.Host), ("port", link.Port), ("wifi", link.Wifi), ("tls", link.Tls));
                break;
            default:
                check.Fail("hostLink.kind", $"'{link.Kind}' is not one of tcp, serial");
                break;
        }
    }

    private static void NotFor(Check check, string kind, params (string Name, object? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (value != null)
            {
                check.Fail("hostLink." + name, $"does not apply to a {kind} link");
            }
        }
    }

    private static void Storage(Check check, StorageConfig storage)
    {
        if (!IsPowerOfTwo(storage.SectorSize) || storage.SectorSize < 256)
        {
            check.Fail("storage.sectorSize", $"{storage.SectorSize} is not a flash sector size (a power of two, at least 256)");
        }

        if (!IsPowerOfTwo(storage.PageSize) || storage.PageSize < 16)
        {
            check.Fail("storage.pageSize", $"{storage.PageSize} is not a flash page size (a power of two, at least 16)");
        }
        else if (storage.PageSize > storage.SectorSize)
        {
            check.Fail("storage.pageSize", $"a {storage.PageSize}-byte page does not fit in a {storage.SectorSize}-byte sector");
        }

        // The journal needs a sector to write while the other holds the live records.
        bool geometry = IsPowerOfTwo(storage.SectorSize) && storage.SectorSize >= 256;
        if (storage.JournalSectors < 2)
        {
            check.Fail("storage.journalSectors", $"{storage.JournalSectors} sectors is too few for the journal (at least 2)");
            geometry = false;
        }

        int? partitionKb = Partition(check, storage);
        if (geometry && partitionKb is int kb)
        {
            // Everything the firmware keeps on I: must fit the partition (StoragePlan, board-configs/README.md).
            StoragePlan plan = StoragePlan.For(storage);
            if (!plan.Fits(kb))
            {
                string layout = check.Mcu?.Name == "simulated" ? "the board's" : PartitionLayout.ForFlash(storage.FlashMb) + "'s";
                check.Fail("storage", $"needs {StoragePlan.Kib(plan.TotalBytes)} KiB on I: ({plan.Breakdown()}) but {layout} I: partition has {kb} KiB");
            }
        }
    }

    // The flash size and the I: partition: an ESP32 board runs one of nanoFramework's stock partition tables,
    // so its I: size is the one of that table; the simulated board may state any partition that fits its flash.
    // Returns the partition's size when it is usable.
    private static int? Partition(Check check, StorageConfig storage)
    {
        if (check.Mcu == null)
        {
            return null;
        }

        if (check.Mcu.Name == "simulated")
        {
            if (storage.FlashMb < 1 || storage.FlashMb > 1024)
            {
                check.Fail("storage.flashMb", $"{storage.FlashMb} MB is not a flash size (1..1024)");
                return null;
            }

            if (storage.ConfigPartitionKb < 1 || storage.ConfigPartitionKb > storage.FlashMb * 1024)
            {
                check.Fail("storage.configPartitionKb", $"{storage.ConfigPartitionKb} KiB does not fit in {storage.FlashMb} MB of flash");
                return null;
            }

            return storage.ConfigPartitionKb;
        }

        PartitionLayout? layout = PartitionLayout.ForFlash(storage.FlashMb);
        if (layout == null)
        {
            string sizes = string.Join(", ", PartitionLayout.Esp32.Select(l => l.FlashMb));
            check.Fail("storage.flashMb", $"{storage.FlashMb} MB: nanoFramework has no {check.Mcu.Name} partition table for it ({sizes} MB)");
            return null;
        }

        if (storage.ConfigPartitionKb != layout.ConfigPartitionKb)
        {
            check.Fail("storage.configPartitionKb", $"{storage.ConfigPartitionKb} KiB is not the I: partition of nanoFramework's {layout.FlashMb} MB layout ({layout.ConfigPartitionKb} KiB)");
            return null;
        }

        return layout.ConfigPartitionKb;
    }

    private static bool IsPowerOfTwo(int value) => value > 0 && (value & (value - 1)) == 0;

    // Collects problems and remembers who holds each pin and UART.
    private sealed class Check(McuProfile? mcu)
    {
        private readonly Dictionary<int, string> _pins = [];
        private readonly Dictionary<string, string> _uarts = new(StringComparer.Ordinal);

        public McuProfile? Mcu { get; } = mcu;

        public List<BoardConfigProblem> Problems { get; } = [];

        public void Fail(string field, string problem) => Problems.Add(new BoardConfigProblem(field, problem));

        public void OptionalPin(string field, int? pin, Direction direction)
        {
            if (pin is int value)
            {
                Pin(field, value, direction);
            }
        }

        public void Pin(string field, int pin, Direction direction)
        {
            if (Mcu != null)
            {
                string? unusable = Mcu.Unusable(pin);
                if (unusable != null)
                {
                    Fail(field, unusable);
                    return;
                }

                if (direction == Direction.Output && Mcu.IsInputOnly(pin))
                {
                    Fail(field, $"GPIO {pin} is input-only on {Mcu.Name} and cannot be an output");
                }
            }
            else if (pin < 0)
            {
                Fail(field, $"{pin} is not a pin number");
                return;
            }

            if (_pins.TryGetValue(pin, out string? owner))
            {
                Fail(field, $"GPIO {pin} is already used by {owner}");
                return;
            }

            _pins[pin] = field;
        }

        public void Uart(string device, string name, int tx, int rx, int baud)
        {
            if (Mcu != null && !Mcu.Uarts.Contains(name))
            {
                Fail(device + ".uart", $"{Mcu.Name} has no UART '{name}' (it has {string.Join(", ", Mcu.Uarts)})");
            }
            else if (_uarts.TryGetValue(name, out string? owner))
            {
                Fail(device + ".uart", $"{name} is already used by {owner}");
            }
            else
            {
                _uarts[name] = device + ".uart";
            }

            Pin(device + ".tx", tx, Direction.Output);
            Pin(device + ".rx", rx, Direction.Input);
            if (baud < 300 || baud > MaxBaud)
            {
                Fail(device + ".baud", $"{baud} is not a usable baud rate (300..{MaxBaud})");
            }
        }
    }
}
