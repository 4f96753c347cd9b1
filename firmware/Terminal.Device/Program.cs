using System;
using System.Diagnostics;
using nanoFramework.Networking;
using Terminal.Core.Update;
using Terminal.Device.Board;
using Terminal.Firmware;

namespace Terminal.Device
{
    /// <summary>
    /// The firmware's entry point on the ESP32: the board file read, the board's adapters and drivers built
    /// (<see cref="Esp32Board"/>), one call to the composition root, and the event loop run forever.
    /// </summary>
    public static class Program
    {
        /// <summary>Boots the terminal.</summary>
        public static void Main()
        {
            BoardFile file = BoardFileReader.Read(BoardFileReader.DefaultPath);
            Debug.WriteLine("board " + file.Name + " on " + file.Mcu);
            var board = new Esp32Board(file);
            TerminalFirmware firmware = TerminalFirmware.Compose(board, board.Settings);
            Debug.WriteLine("journal: " + firmware.Journal.Records.ToString() + " records, " + firmware.Journal.TornDiscarded.ToString() + " torn record(s) discarded");

            JoinWifi(file.HostLink);
            firmware.Boot();
            if (firmware.ProvisioningNote.Length > 0)
            {
                Debug.WriteLine(firmware.ProvisioningNote);
            }

            if (firmware.TrialConfirmed)
            {
                Debug.WriteLine("boot: trial image " + FirmwareImage.VersionText(firmware.BootControl!.ActiveVersion) + " confirmed");
            }

            firmware.Run();
        }

        // The board file names the network; the password is the one stored on the device (Device Explorer,
        // "Edit Network Configuration"), so it never sits in a file. SetupNetworkHelper waits for the network on a
        // thread of its own, so the loop and the screen start at once; until the network is up the
        // flows see the host link as down and say so. Over TLS it also waits for SNTP: a certificate's validity
        // is checked against the device's clock, which is not set before.
        private static void JoinWifi(HostLinkSection link)
        {
            if (link.Kind != "tcp" || link.Wifi == null)
            {
                return;
            }

            try
            {
                WifiNetworkHelper.SetupNetworkHelper(requiresDateTime: link.Tls != null);
                Debug.WriteLine("joining Wi-Fi " + link.Wifi.Ssid);
            }
            catch (NotSupportedException)
            {
                Debug.WriteLine("no Wi-Fi configuration stored for " + link.Wifi.Ssid + "; set it in Device Explorer");
            }
        }
    }
}
