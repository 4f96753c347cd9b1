namespace Terminal.Simulator.Boards;

// The board file format (board-configs/README.md). Property names map to camelCase JSON names; `required`
// members must be present, nullable ones are optional pins or fields. The loader rejects unknown members.

/// <summary>One board: its MCU and where every peripheral is wired.</summary>
public sealed class BoardConfig
{
    /// <summary>Short board name, e.g. esp32-terminal.</summary>
    public required string Name { get; init; }

    /// <summary>What the board is, for people.</summary>
    public required string Description { get; init; }

    /// <summary>MCU or module the pin numbers refer to (ESP32-WROVER, ESP32-WROOM, simulated).</summary>
    public required string Mcu { get; init; }

    /// <summary>The key matrix.</summary>
    public required KeypadConfig Keypad { get; init; }

    /// <summary>SPI buses the display and the contactless reader sit on.</summary>
    public required SpiBusConfig[] Spi { get; init; }

    /// <summary>The display.</summary>
    public required DisplayConfig Display { get; init; }

    /// <summary>The contactless card reader.</summary>
    public required ContactlessConfig Contactless { get; init; }

    /// <summary>The magnetic stripe reader.</summary>
    public required MagstripeConfig Magstripe { get; init; }

    /// <summary>The receipt printer.</summary>
    public required PrinterConfig Printer { get; init; }

    /// <summary>The QR scanner.</summary>
    public required QrScannerConfig QrScanner { get; init; }

    /// <summary>The link to the acquirer host.</summary>
    public required HostLinkConfig HostLink { get; init; }

    /// <summary>The buzzer.</summary>
    public required BuzzerConfig Buzzer { get; init; }

    /// <summary>The flash, its I: partition and the journal's geometry.</summary>
    public required StorageConfig Storage { get; init; }

    /// <summary>The console/debug UART, when the board has one; its pins count as taken.</summary>
    public UartConfig? DebugUart { get; init; }
}

/// <summary>A key matrix: rows are driven, columns are read.</summary>
public sealed class KeypadConfig
{
    /// <summary>Row pins (outputs), top to bottom.</summary>
    public required int[] Rows { get; init; }

    /// <summary>Column pins (inputs with pull-ups), left to right.</summary>
    public required int[] Columns { get; init; }

    /// <summary>Key names row by row (rows × columns of them), as Terminal.Hal.KeyCode.Name spells them.</summary>
    public required string[] Layout { get; init; }

    /// <summary>How long a key must be stable before it counts.</summary>
    public required int DebounceMs { get; init; }
}

/// <summary>One SPI bus and its shared pins.</summary>
public sealed class SpiBusConfig
{
    /// <summary>The SPI peripheral number (SPI1, SPI2 on the ESP32).</summary>
    public required int Id { get; init; }

    /// <summary>Clock pin.</summary>
    public required int Sck { get; init; }

    /// <summary>Controller-out pin.</summary>
    public required int Mosi { get; init; }

    /// <summary>Controller-in pin.</summary>
    public required int Miso { get; init; }
}

/// <summary>The display panel.</summary>
public sealed class DisplayConfig
{
    /// <summary>Controller chip; ST7789 is the one supported.</summary>
    public required string Controller { get; init; }

    /// <summary>Id of the SPI bus it is on.</summary>
    public required int SpiBus { get; init; }

    /// <summary>Chip-select pin.</summary>
    public required int ChipSelect { get; init; }

    /// <summary>Data/command pin.</summary>
    public required int Dc { get; init; }

    /// <summary>Reset pin; absent when the panel's reset is tied to the MCU's reset.</summary>
    public int? Reset { get; init; }

    /// <summary>Backlight pin; absent when the backlight is always on.</summary>
    public int? Backlight { get; init; }

    /// <summary>Width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }
}

/// <summary>The contactless reader.</summary>
public sealed class ContactlessConfig
{
    /// <summary>Controller chip; MFRC522 is the one supported.</summary>
    public required string Controller { get; init; }

    /// <summary>Id of the SPI bus it is on.</summary>
    public required int SpiBus { get; init; }

    /// <summary>Chip-select pin.</summary>
    public required int ChipSelect { get; init; }

    /// <summary>NRSTPD pin; absent when it is tied high and the driver resets by command.</summary>
    public int? Reset { get; init; }

    /// <summary>IRQ pin; absent when the driver polls.</summary>
    public int? Irq { get; init; }
}

/// <summary>A TTL magstripe head's decoded outputs.</summary>
public sealed class MagstripeConfig
{
    /// <summary>Clock/strobe pin (input).</summary>
    public required int Clock { get; init; }

    /// <summary>Data pin (input).</summary>
    public required int Data { get; init; }

    /// <summary>Card-present pin (input).</summary>
    public required int CardPresent { get; init; }
}

/// <summary>The thermal receipt printer on a UART.</summary>
public sealed class PrinterConfig
{
    /// <summary>UART name, e.g. COM2.</summary>
    public required string Uart { get; init; }

    /// <summary>Transmit pin.</summary>
    public required int Tx { get; init; }

    /// <summary>Receive pin (printer status).</summary>
    public required int Rx { get; init; }

    /// <summary>RTS pin, with flowControl rtscts.</summary>
    public int? Rts { get; init; }

    /// <summary>CTS pin; required by flowControl rtscts.</summary>
    public int? Cts { get; init; }

    /// <summary>Line speed.</summary>
    public required int Baud { get; init; }

    /// <summary>none, xonxoff or rtscts.</summary>
    public required string FlowControl { get; init; }

    /// <summary>58 or 80.</summary>
    public required int PaperWidthMm { get; init; }
}

/// <summary>The QR scanner on a UART.</summary>
public sealed class QrScannerConfig
{
    /// <summary>UART name.</summary>
    public required string Uart { get; init; }

    /// <summary>Transmit pin (commands to the scanner).</summary>
    public required int Tx { get; init; }

    /// <summary>Receive pin (codes from the scanner).</summary>
    public required int Rx { get; init; }

    /// <summary>Line speed.</summary>
    public required int Baud { get; init; }

    /// <summary>Hardware trigger pin, when the scanner has one wired.</summary>
    public int? Trigger { get; init; }
}

/// <summary>How the terminal reaches the acquirer host.</summary>
public sealed class HostLinkConfig
{
    /// <summary>tcp or serial.</summary>
    public required string Kind { get; init; }

    /// <summary>tcp: host name or address.</summary>
    public string? Host { get; init; }

    /// <summary>tcp: port.</summary>
    public int? Port { get; init; }

    /// <summary>tcp: the Wi-Fi network to join; absent when the network is already up (Ethernet, the PC).</summary>
    public WifiConfig? Wifi { get; init; }

    /// <summary>tcp: TLS 1.2 with the host's CA pinned; absent for plain TCP (a serial-to-IP bridge).</summary>
    public TlsConfig? Tls { get; init; }

    /// <summary>serial: UART name.</summary>
    public string? Uart { get; init; }

    /// <summary>serial: transmit pin.</summary>
    public int? Tx { get; init; }

    /// <summary>serial: receive pin.</summary>
    public int? Rx { get; init; }

    /// <summary>serial: line speed.</summary>
    public int? Baud { get; init; }
}

/// <summary>TLS on a TCP host link: the CA the terminal pins.</summary>
public sealed class TlsConfig
{
    /// <summary>The CA certificate's file on the device's internal drive (I:\host-ca.pem, put there by deploy-host-ca.json).</summary>
    public required string CaFile { get; init; }
}

/// <summary>The Wi-Fi network of a TCP host link. The password is never in the board file: it stays in the device's stored network configuration.</summary>
public sealed class WifiConfig
{
    /// <summary>Network name.</summary>
    public required string Ssid { get; init; }
}

/// <summary>The buzzer.</summary>
public sealed class BuzzerConfig
{
    /// <summary>Drive pin.</summary>
    public required int Pin { get; init; }
}

/// <summary>The board's flash: its size, the internal drive's partition, and the journal's geometry.</summary>
public sealed class StorageConfig
{
    /// <summary>Size of the flash chip in MB (4, 8 or 16 on the ESP32 modules).</summary>
    public required int FlashMb { get; init; }

    /// <summary>Size in KiB of the I: drive (nanoFramework's LittleFS config partition) in the partition table the board runs.</summary>
    public required int ConfigPartitionKb { get; init; }

    /// <summary>Sectors given to the journal.</summary>
    public required int JournalSectors { get; init; }

    /// <summary>Bytes per erasable sector.</summary>
    public required int SectorSize { get; init; }

    /// <summary>Bytes per programmable page.</summary>
    public required int PageSize { get; init; }
}

/// <summary>A plain UART (the debug console).</summary>
public sealed class UartConfig
{
    /// <summary>UART name.</summary>
    public required string Uart { get; init; }

    /// <summary>Transmit pin.</summary>
    public required int Tx { get; init; }

    /// <summary>Receive pin.</summary>
    public required int Rx { get; init; }

    /// <summary>Line speed.</summary>
    public required int Baud { get; init; }
}
