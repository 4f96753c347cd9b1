namespace Terminal.Device.Board
{
    // The board file (board-configs/README.md) as nanoFramework.Json fills it: public settable properties,
    // arrays rather than lists, strings rather than enums. The PC's BoardConfigLoader has already validated
    // the file, so the device only checks what it needs to stay safe. Optional pins default to -1
    // ("not wired"), which is what the drivers take for an absent pin.

    /// <summary>The whole board file.</summary>
    public sealed class BoardFile
    {
        /// <summary>Board name.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Description (unused on the device; present so the file parses).</summary>
        public string Description { get; set; } = string.Empty;

        /// <summary>MCU name.</summary>
        public string Mcu { get; set; } = string.Empty;

        /// <summary>Key matrix.</summary>
        public KeypadSection Keypad { get; set; } = new KeypadSection();

        /// <summary>SPI buses.</summary>
        public SpiBusSection[] Spi { get; set; } = new SpiBusSection[0];

        /// <summary>Display.</summary>
        public DisplaySection Display { get; set; } = new DisplaySection();

        /// <summary>Contactless reader.</summary>
        public ContactlessSection Contactless { get; set; } = new ContactlessSection();

        /// <summary>Magstripe head.</summary>
        public MagstripeSection Magstripe { get; set; } = new MagstripeSection();

        /// <summary>Printer.</summary>
        public PrinterSection Printer { get; set; } = new PrinterSection();

        /// <summary>QR scanner.</summary>
        public QrScannerSection QrScanner { get; set; } = new QrScannerSection();

        /// <summary>Host link.</summary>
        public HostLinkSection HostLink { get; set; } = new HostLinkSection();

        /// <summary>Buzzer.</summary>
        public BuzzerSection Buzzer { get; set; } = new BuzzerSection();

        /// <summary>Journal flash geometry.</summary>
        public StorageSection Storage { get; set; } = new StorageSection();

        /// <summary>Debug UART; null when absent.</summary>
        public UartSection? DebugUart { get; set; }
    }

    /// <summary>Key matrix.</summary>
    public sealed class KeypadSection
    {
        /// <summary>Row pins.</summary>
        public int[] Rows { get; set; } = new int[0];

        /// <summary>Column pins.</summary>
        public int[] Columns { get; set; } = new int[0];

        /// <summary>Key names row by row.</summary>
        public string[] Layout { get; set; } = new string[0];

        /// <summary>Debounce time.</summary>
        public int DebounceMs { get; set; } = 20;
    }

    /// <summary>One SPI bus.</summary>
    public sealed class SpiBusSection
    {
        /// <summary>SPI1 or SPI2.</summary>
        public int Id { get; set; }

        /// <summary>Clock pin.</summary>
        public int Sck { get; set; } = -1;

        /// <summary>Controller-out pin.</summary>
        public int Mosi { get; set; } = -1;

        /// <summary>Controller-in pin.</summary>
        public int Miso { get; set; } = -1;
    }

    /// <summary>Display.</summary>
    public sealed class DisplaySection
    {
        /// <summary>Controller chip.</summary>
        public string Controller { get; set; } = string.Empty;

        /// <summary>SPI bus id.</summary>
        public int SpiBus { get; set; }

        /// <summary>Chip select.</summary>
        public int ChipSelect { get; set; } = -1;

        /// <summary>Data/command.</summary>
        public int Dc { get; set; } = -1;

        /// <summary>Reset, or -1.</summary>
        public int Reset { get; set; } = -1;

        /// <summary>Backlight, or -1.</summary>
        public int Backlight { get; set; } = -1;

        /// <summary>Width in pixels.</summary>
        public int Width { get; set; }

        /// <summary>Height in pixels.</summary>
        public int Height { get; set; }
    }

    /// <summary>Contactless reader.</summary>
    public sealed class ContactlessSection
    {
        /// <summary>Controller chip.</summary>
        public string Controller { get; set; } = string.Empty;

        /// <summary>SPI bus id.</summary>
        public int SpiBus { get; set; }

        /// <summary>Chip select.</summary>
        public int ChipSelect { get; set; } = -1;

        /// <summary>Reset, or -1.</summary>
        public int Reset { get; set; } = -1;

        /// <summary>IRQ, or -1.</summary>
        public int Irq { get; set; } = -1;
    }

    /// <summary>Magstripe head.</summary>
    public sealed class MagstripeSection
    {
        /// <summary>Clock/strobe.</summary>
        public int Clock { get; set; } = -1;

        /// <summary>Data.</summary>
        public int Data { get; set; } = -1;

        /// <summary>Card present.</summary>
        public int CardPresent { get; set; } = -1;
    }

    /// <summary>Printer.</summary>
    public sealed class PrinterSection
    {
        /// <summary>UART name.</summary>
        public string Uart { get; set; } = string.Empty;

        /// <summary>TX pin.</summary>
        public int Tx { get; set; } = -1;

        /// <summary>RX pin.</summary>
        public int Rx { get; set; } = -1;

        /// <summary>RTS pin, or -1.</summary>
        public int Rts { get; set; } = -1;

        /// <summary>CTS pin, or -1.</summary>
        public int Cts { get; set; } = -1;

        /// <summary>Line speed.</summary>
        public int Baud { get; set; } = 9600;

        /// <summary>none, xonxoff or rtscts.</summary>
        public string FlowControl { get; set; } = "none";

        /// <summary>58 or 80.</summary>
        public int PaperWidthMm { get; set; } = 58;
    }

    /// <summary>QR scanner.</summary>
    public sealed class QrScannerSection
    {
        /// <summary>UART name.</summary>
        public string Uart { get; set; } = string.Empty;

        /// <summary>TX pin.</summary>
        public int Tx { get; set; } = -1;

        /// <summary>RX pin.</summary>
        public int Rx { get; set; } = -1;

        /// <summary>Line speed.</summary>
        public int Baud { get; set; } = 9600;

        /// <summary>Trigger pin, or -1.</summary>
        public int Trigger { get; set; } = -1;
    }

    /// <summary>Host link.</summary>
    public sealed class HostLinkSection
    {
        /// <summary>tcp or serial.</summary>
        public string Kind { get; set; } = string.Empty;

        /// <summary>tcp: host.</summary>
        public string Host { get; set; } = string.Empty;

        /// <summary>tcp: port.</summary>
        public int Port { get; set; }

        /// <summary>tcp: Wi-Fi network, or null.</summary>
        public WifiSection? Wifi { get; set; }

        /// <summary>tcp: TLS with the pinned CA, or null for plain TCP.</summary>
        public TlsSection? Tls { get; set; }

        /// <summary>serial: UART name.</summary>
        public string Uart { get; set; } = string.Empty;

        /// <summary>serial: TX pin.</summary>
        public int Tx { get; set; } = -1;

        /// <summary>serial: RX pin.</summary>
        public int Rx { get; set; } = -1;

        /// <summary>serial: line speed.</summary>
        public int Baud { get; set; }
    }

    /// <summary>TLS on the tcp link: where the host's CA certificate sits on the device.</summary>
    public sealed class TlsSection
    {
        /// <summary>The CA certificate (PEM or DER) on the internal drive, e.g. I:\host-ca.pem.</summary>
        public string CaFile { get; set; } = string.Empty;
    }

    /// <summary>Wi-Fi network name (the password stays in the device's stored network configuration).</summary>
    public sealed class WifiSection
    {
        /// <summary>SSID.</summary>
        public string Ssid { get; set; } = string.Empty;
    }

    /// <summary>Buzzer.</summary>
    public sealed class BuzzerSection
    {
        /// <summary>Pin.</summary>
        public int Pin { get; set; } = -1;
    }

    /// <summary>Flash size, the I: partition, and the journal flash geometry.</summary>
    public sealed class StorageSection
    {
        /// <summary>Flash size in MB.</summary>
        public int FlashMb { get; set; }

        /// <summary>Size of the I: partition in KiB.</summary>
        public int ConfigPartitionKb { get; set; }

        /// <summary>Sectors for the journal.</summary>
        public int JournalSectors { get; set; }

        /// <summary>Sector size.</summary>
        public int SectorSize { get; set; }

        /// <summary>Page size.</summary>
        public int PageSize { get; set; }
    }

    /// <summary>A plain UART.</summary>
    public sealed class UartSection
    {
        /// <summary>UART name.</summary>
        public string Uart { get; set; } = string.Empty;

        /// <summary>TX pin.</summary>
        public int Tx { get; set; } = -1;

        /// <summary>RX pin.</summary>
        public int Rx { get; set; } = -1;

        /// <summary>Line speed.</summary>
        public int Baud { get; set; }
    }
}
