using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Runtime;
using Terminal.Core.Update;
using Terminal.Hal;

namespace Terminal.Firmware
{
    /// <summary>
    /// What a board gives the firmware: its clock, its peripherals with their drivers, storage, keys and host link.
    /// The device (ESP32), the simulated board, the campaign and the bench each implement it; the composition root
    /// (<see cref="TerminalFirmware"/>) asks for the parts in one order and puts the terminal together.
    /// </summary>
    public interface ITerminalBoard
    {
        /// <summary>Time: real on the device, virtual on the PC.</summary>
        IClock Clock { get; }

        /// <summary>
        /// Builds the board's drivers on <paramref name="loop"/>: each started on the loop's event ring and polled by
        /// it. Called once, first. Returns the peripherals (a board without one leaves it null; Random is required).
        /// </summary>
        TerminalDevices StartDevices(EventLoop loop);

        /// <summary>The display, once <see cref="StartDevices"/> has built it.</summary>
        IDisplay Display { get; }

        /// <summary>DES, MAC, PIN blocks, hashes and signature checks: the portable software crypto or a board's engine.</summary>
        ICrypto Crypto { get; }

        /// <summary>The journal's flash: <see cref="JournalSectors"/> sectors, then one sector the self-test may erase.</summary>
        IBlockStorage JournalFlash { get; }

        /// <summary>Sectors of <see cref="JournalFlash"/> the journal owns.</summary>
        int JournalSectors { get; }

        /// <summary>The terminal's protected key storage (TMK, session keys, DUKPT, password hashes).</summary>
        IKeyStore KeyStore { get; }

        /// <summary>The link to the acquirer host (TCP or serial framing, or an in-process host on the PC).</summary>
        IHostTransport OpenHostLink();

        /// <summary>Where the masked wire trace goes (the debug UART on the device), or null.</summary>
        IWireTraceSink? WireTrace { get; }

        /// <summary>The serial debug console's port, or null when the board has none.</summary>
        ISerialPort? DebugPort { get; }

        /// <summary>The software-update slots the boot loader booted this image from, or null when the board has no updates.</summary>
        UpdateSlots? FirmwareSlots { get; }

        /// <summary>The key update images are verified with (the factory's public key), when <see cref="FirmwareSlots"/> is given.</summary>
        IKeyStore? UpdateSigningKey { get; }

        /// <summary>Where a device provisioning package waits for the boot to take it, or null when the board has no place for one.</summary>
        IProvisioningDrop? ProvisioningDrop { get; }
    }
}
